from django.urls import path

from notifications import views

urlpatterns = [
    path("staff/notifications/", views.notification_list, name="notification-list"),
    path("staff/notifications/read/", views.notification_mark_read, name="notification-mark-read"),
    path("staff/notifications/preferences/", views.notification_preferences, name="notification-preferences"),
    path("staff/notifications/<int:pk>/", views.notification_open, name="notification-open"),
]
