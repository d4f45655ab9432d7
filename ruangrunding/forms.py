from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Renders every form and field with our templates (labels, help, errors tied by aria-describedby)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
