"""The calculation engine: a participant's earnings and payout for one period from plan rules."""
