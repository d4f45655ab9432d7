"""What every CSV or XLSX we hand out needs, whichever app writes it."""


def safe_cell(value):
    """A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection): quote it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
