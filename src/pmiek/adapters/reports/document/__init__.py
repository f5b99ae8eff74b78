"""The programme document as HTML and PDF: collected from an edition or a workspace
(:mod:`.collect`), charts as inline SVG (:mod:`.charts`), rendered with Jinja2 and WeasyPrint
(:mod:`.render`)."""
