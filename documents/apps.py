from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Official documents")

    def ready(self):
        from documents import views
        from reports import public_views

        # ?format=docx|pdf on the public review, area and annual pages (reports does not import documents).
        for file_format in views.FORMATS:
            public_views.on_summary_document(file_format, views.public_summary_document)
