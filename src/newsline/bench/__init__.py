"""``newsline bench``: accuracy and speed side by side, each speed a ratio to a baseline measured in the same run."""
