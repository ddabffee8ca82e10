"""Terminal views: findings, checklists and tables as text, JSON or annotations."""
