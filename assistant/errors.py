"""Errors meant for users: each message says what went wrong and what to do next."""


class KabarError(Exception):
    """A failure the user can fix; the CLI prints it on one line, the UI shows it as gr.Error."""


class StoreUnavailable(KabarError):
    pass


class EmptyStore(KabarError):
    pass


class ModelUnavailable(KabarError):
    pass


class BackendUnavailable(KabarError):
    pass
