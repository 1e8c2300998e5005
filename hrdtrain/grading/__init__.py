"""Trainer-side grading with nbgrader: the course folder, parallel autograding, feedback, reports.

Every module here imports nbgrader (about 3 s) only inside the functions that need it, so
`hrdtrain --help` and the learner's notebooks stay fast.
"""
