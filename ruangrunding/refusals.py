"""One way for a service to say no, and one way for a form to show it.

A service that refuses raises `Refused` with the Indonesian sentence the person reads (and, when the refusal
is about one field, that field's name). A view hands the form and the service call to `run_or_show_refusal`,
which puts the refusal on the form the person just sent, so the page comes back with their text kept and the
reason above it (or beside the field).

    if request.method == "POST":
        reply = run_or_show_refusal(form, lambda data: services.reply_edit(reply=reply, body=data["body"], …))
        if reply is not None:
            return redirect(…)
    return render(…, {"form": form}, status=400 if form.errors else 200)
"""

from collections.abc import Callable


class Refused(Exception):
    """A rule of the portal said no; `str(error)` is the message for the person, already translated."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = str(message)
        self.field = field


def refusal_to_form(form, error: Refused) -> None:
    """Show the refusal on the form (on its field when it names one the form has, else above the form)."""
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)


def run_or_show_refusal[T](form, call: Callable[[dict], T]) -> T | None:
    """`call(form.cleaned_data)` when the form is valid, returning what it returns; None when the form is
    invalid or the service refused, with the refusal then shown on the form. A service called this way
    returns something other than None when it succeeds."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except Refused as error:
        refusal_to_form(form, error)
        return None


def refusal_of(call: Callable[[], object]) -> Refused | None:
    """The refusal `call()` raises, or None: for a check asked before a form is even validated."""
    try:
        call()
    except Refused as error:
        return error
    return None
