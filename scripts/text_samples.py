"""Writes the text samples: an employer's statement as Notepad on Windows saves it
(Windows-1252, CRLF line ends) and a lawyer's corrections to a hearing report as an HTML page
with a script, a style, a comment, a list and a table. The facts are made up."""
import sys

out = sys.argv[1]

EMPLOYER_STATEMENT = """WERKGEVERSVERKLARING

Bakkerij Het Gouden Korenveld B.V.
Dorpsstraat 14, 3581 AB Utrecht
KvK-nummer 30123452

Utrecht, 12 oktober 2026

Hierbij verklaart ondergetekende, directeur van Bakkerij Het Gouden Korenveld B.V., dat de heer Mehmet Öztürk, geboren op 4 mei 1991, sinds 1 februari 2025 bij ons in dienst is als broodbakker.

Hij werkt 38 uur per week op basis van een arbeidsovereenkomst voor onbepaalde tijd. Zijn bruto maandloon bedraagt € 2.650,00, exclusief vakantietoeslag van 8%. Het loon wordt maandelijks overgemaakt op zijn rekening NL91ABNA0417164300.

De heer Öztürk is een gewaardeerde collega. Er is geen voornemen om het dienstverband te beëindigen.

Deze verklaring is naar waarheid opgemaakt ten behoeve van zijn aanvraag bij de Immigratie- en Naturalisatiedienst.

Met vriendelijke groet,

J. Hendriks
directeur
"""

HEARING_CORRECTIONS = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Correcties nader gehoor</title>
<style>body { font-family: sans-serif; } td { padding: 2px 8px; }</style>
<script>document.title = "<p>Dit staat niet op de pagina</p>";</script>
</head>
<body>
<p>Advocatenkantoor De Vries &amp; Bakker<br>Postbus 1234<br>1000 AB Amsterdam</p>
<p>Aan de Immigratie- en Naturalisatiedienst<br>Zwolle, 20 november 2026</p>
<h1>Correcties en aanvullingen op het rapport van het nader gehoor</h1>
<p>Betreft: de heer A. Yilmaz, V-nummer 1234567890</p>
<p>Geachte heer, mevrouw,</p>
<p>Namens mijn cli&euml;nt stuur ik u hierbij de correcties en aanvullingen op het rapport van het nader gehoor van 4&nbsp;november&nbsp;2026. Cli&euml;nt heeft het rapport met een tolk in het Turks nagelezen.</p>
<ol>
<li>Op pagina 3 staat dat cli&euml;nt in 2015 uit zijn woonplaats vertrok. Dit moet 2016 zijn; in 2015 werkte hij nog bij zijn oom.</li>
<li>Op pagina 5 staat dat cli&euml;nt met de bus naar Istanbul reisde. Hij reisde met een vrachtwagen van een kennis.</li>
<li>Cli&euml;nt wil aanvullen dat zijn broer in 2017 twee keer door de politie is meegenomen.</li>
</ol>
<table>
<tr><th>Pagina</th><th>Staat in het rapport</th><th>Moet zijn</th></tr>
<tr><td>3</td><td>2015</td><td>2016</td></tr>
<tr><td>5</td><td>met de bus</td><td>met een vrachtwagen</td></tr>
</table>
<!-- interne notitie: niet doorsturen -->
<p>Ik verzoek u deze correcties bij de beoordeling van de aanvraag te betrekken.</p>
<p>Met vriendelijke groet,<br>mr. J. de Vries<br>advocaat</p>
</body>
</html>
"""

with open(f"{out}/werkgeversverklaring.txt", "wb") as f:
    f.write(EMPLOYER_STATEMENT.replace("\n", "\r\n").encode("cp1252"))
with open(f"{out}/correcties-nader-gehoor.html", "wb") as f:
    f.write(HEARING_CORRECTIONS.encode("utf-8"))
