"""Uploaded files are what their name says they are: the admin's upload forms check the content
(cms.core.file_content), not only the name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from cms.core.file_content import validate_upload_content


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            validate_upload_content(upload)
        return upload


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, also refusing files whose header looks like an image but whose
    content Pillow cannot read (Wagtail lets Pillow's error through as a server error)."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
            f.seek(0)
            with Image.open(f) as image:
                image.load()
        except (OSError, SyntaxError, ValueError) as error:  # what Pillow raises for unreadable data
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error
        finally:
            f.seek(0)


class SafeImageForm(BaseImageForm):
    file = DecodedImageField(label=_("Tệp"))
