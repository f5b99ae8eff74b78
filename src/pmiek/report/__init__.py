"""The programme document (the P-MIEK itself): what it says, computed from an edition's tables.

Pure: no files, no rendering. :mod:`pmiek.report.numbers` is the one Dutch (and English)
number and date formatter of the document; :mod:`pmiek.report.facts` the traceable number
(a :class:`~pmiek.report.facts.Fact` names the table, rows and column it comes from);
:mod:`pmiek.report.narrative` the paragraphs generated from the results;
:mod:`pmiek.report.public` the public view (confidential assets and projects only per area);
:mod:`pmiek.report.content` the chapters. The HTML and PDF are made by
``pmiek.adapters.reports.document``.
"""
