"""One way for a service to say no: `Refused` carries the Indonesian sentence the person reads, and
`refusal_to_form` puts it on the form they just sent, so their text stays where it was."""


class Refused(Exception):
    """A rule of the portal said no; `str(error)` is the message for the person, already translated."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def refusal_to_form(form, error: Refused) -> None:
    """Show the refusal on the form (on its field when it names one the form has, else above the form)."""
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)
