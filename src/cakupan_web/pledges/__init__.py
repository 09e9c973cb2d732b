"""Payers: pledges (who pays for whom), their allocation and the optimiser as jobs, who is
covered and why the rest is not, and each pledge's collective-registration batch."""
