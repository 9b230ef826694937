"""Errors that end as one line on standard error and exit status 2, never a traceback."""


class CopydeskError(Exception):
    """A problem with the user's input, rules or configuration."""


class ConfigError(CopydeskError):
    """A rule, lexicon or configuration file that cannot be used."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.detail = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class InputError(CopydeskError):
    """An article that cannot be read as text."""

    def __init__(self, path: str, message: str):
        self.path = path
        super().__init__(f"{path}: {message}")
