"""The one kind of error whose message is written for the person at the keyboard.

Library modules raise a subclass (CourseError, StoreError, ExportError) with a message that says
what is wrong and what to do; the `hrdtrain` command prints it as "hrdtrain VERB: message" and
exits 1, with no traceback. A notebook shows the same message.
"""


class ReportedError(Exception):
    """An error with a message for the user, not a programming error."""
