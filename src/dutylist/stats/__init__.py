"""The adjustment statistics table and the monthly report from git history."""
