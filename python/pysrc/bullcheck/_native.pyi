__version__: str

class BullcheckError(Exception): ...

def call(op: str, request_json: str, /) -> str:
    """One bullcheck operation (``run``, ``audit``, ``series``): JSON in, JSON or text out."""
