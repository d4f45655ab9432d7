from ruangrunding.middleware import wants_less_data


def save_data(request) -> dict:
    """`save_data`: the browser sent `Save-Data: on` — leave out decorative pictures, photos behind a link."""
    return {"save_data": wants_less_data(request)}
