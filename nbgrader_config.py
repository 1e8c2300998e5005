# The nbgrader course of hrdtrain. Run nbgrader (or `hrdtrain grade/feedback/report`) from this folder.
#
#   solutions/<assignment>/   the assignments with solutions and hidden tests (the trainer's source)
#   exercises/<assignment>/   what learners get: generated from solutions/ by nbgrader, committed
#   submitted/<student>/<assignment>/   learners' work, as nbgrader expects it (not in git)
#
# Regenerate exercises/ after changing solutions/: `make exercises`. A test fails if they drift.
import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "hrdtrain"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# What replaces a solution in exercises/: a comment, not nbgrader's default
# `raise NotImplementedError()`, so that "Run All" on an unfinished exercise does not stop at
# the first question (most learners are not programmers).
c.ClearSolutions.code_stub = {"python": "# Your answer here"}
c.ClearSolutions.text_stub = "*Write your answer here.*"

# A learner who deletes a graded cell gets it back (scored 0) instead of losing the question.
c.OverwriteCells.add_missing_cells = True

# A cell that runs longer than this is interrupted when grading (hrdtrain grade --timeout overrides).
c.Execute.timeout = 30
