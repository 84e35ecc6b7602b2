from django.urls import path

from workday import views

urlpatterns = [
    path("staff/", views.my_work, name="my-work"),
    path("staff/confirm/", views.confirm_transition, name="confirm-transition"),
    path("staff/coverage/", views.coverage_page, name="coverage"),
    path("corrections/", views.correction_list, name="correction-list"),
]
