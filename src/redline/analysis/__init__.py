"""Analysis over coded events: duplicate-event clustering and the daily brief."""
