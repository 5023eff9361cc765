"""Scorers: TempEval-3 timexes (Task A), events (Task B), temporal links (C, ABC), SemEval-2015 Task 4 timelines."""
