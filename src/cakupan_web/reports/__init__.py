"""Reports: the documents a regency signs (the quarterly UCJ report as PDF or XLSX), made
from the published figures within the reader's scope."""
