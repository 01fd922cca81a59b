<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Browse, quantize, chat with and compare local language models.</source>
        <translation>Lokale Sprachmodelle durchsuchen, quantisieren, mit ihnen chatten und sie vergleichen.</translation>
    </message>
    <message>
        <source>A GGUF file or a folder of them to add to the library and show.</source>
        <translation>Eine GGUF-Datei oder ein Ordner mit solchen Dateien, der zur Bibliothek hinzugefügt und angezeigt wird.</translation>
    </message>
    <message>
        <source>Keep the settings in this INI file instead of the user&apos;s settings.</source>
        <translation>Die Einstellungen in dieser INI-Datei statt in den Benutzereinstellungen speichern.</translation>
    </message>
    <message>
        <source>quantdesk: no such file or folder: %1</source>
        <translation>quantdesk: Datei oder Ordner nicht gefunden: %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::MainWindow</name>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Your GGUF model files: size, quantization, memory, metadata and tensors (Ctrl+1)</source>
        <translation>Ihre GGUF-Modelldateien: Größe, Quantisierung, Speicherbedarf, Metadaten und Tensoren (Strg+1)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Add Folder…</source>
        <translation>Ordner &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>Datei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Rescan Library</source>
        <translation>Bibliothek neu &amp;einlesen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Filter Models</source>
        <translation>Modelle &amp;filtern</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About QuantDesk</source>
        <translation>Ü&amp;ber QuantDesk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Stop the scan</source>
        <translation>Suche anhalten</translation>
    </message>
    <message>
        <source>RAM %1</source>
        <translation>RAM %1</translation>
    </message>
    <message>
        <source>Physical memory of this computer, which the &quot;Fits in RAM&quot; column compares against</source>
        <translation>Physischer Arbeitsspeicher dieses Rechners, mit dem die Spalte „Passt in RAM“ vergleicht</translation>
    </message>
    <message>
        <source>Looking for GGUF files…</source>
        <translation>Suche nach GGUF-Dateien…</translation>
    </message>
    <message>
        <source>Reading %1 of %2…</source>
        <translation>Lese %1 von %2…</translation>
    </message>
    <message>
        <source>Reading %1 of %2: %3</source>
        <translation>Lese %1 von %2: %3</translation>
    </message>
    <message>
        <source>Scan stopped.</source>
        <translation>Suche angehalten.</translation>
    </message>
    <message>
        <source>Scan finished.</source>
        <translation>Suche abgeschlossen.</translation>
    </message>
    <message>
        <source>1 model in the library</source>
        <translation>1 Modell in der Bibliothek</translation>
    </message>
    <message>
        <source>%1 models in the library</source>
        <translation>%1 Modelle in der Bibliothek</translation>
    </message>
    <message>
        <source>, 1 file could not be read</source>
        <translation>, 1 Datei konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>, %1 files could not be read</source>
        <translation>, %1 Dateien konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>Nicht gefunden: %1</translation>
    </message>
    <message>
        <source>About QuantDesk</source>
        <translation>Über QuantDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;QuantDesk %1&lt;/h3&gt;&lt;p&gt;Browse, quantize, chat with and compare local language models.&lt;/p&gt;&lt;p&gt;Reads and writes GGUF files the way llama.cpp does; runs models on its own CPU engine.&lt;/p&gt;&lt;p&gt;&lt;small&gt;Built with Qt %2 (running on Qt %3).&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuantDesk %1&lt;/h3&gt;&lt;p&gt;Lokale Sprachmodelle durchsuchen, quantisieren, mit ihnen chatten und sie vergleichen.&lt;/p&gt;&lt;p&gt;Liest und schreibt GGUF-Dateien so wie llama.cpp und führt Modelle mit einer eigenen CPU-Engine aus.&lt;/p&gt;&lt;p&gt;&lt;small&gt;Erstellt mit Qt %2 (läuft mit Qt %3).&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>qd::ui::MetadataTableModel</name>
    <message>
        <source>array of %1 (%2)</source>
        <translation>Array aus %1 (%2)</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Double-click or press Enter to see the whole value.</source>
        <translation>Doppelklicken oder Eingabetaste drücken, um den ganzen Wert zu sehen.</translation>
    </message>
</context>
<context>
    <name>qd::ui::ModelDetailsPanel</name>
    <message>
        <source>Select a model above to see its metadata and tensors.</source>
        <translation>Wählen Sie oben ein Modell, um seine Metadaten und Tensoren zu sehen.</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Architektur:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>File type:</source>
        <translation>Dateityp:</translation>
    </message>
    <message>
        <source>Tensors:</source>
        <translation>Tensoren:</translation>
    </message>
    <message>
        <source>File size:</source>
        <translation>Dateigröße:</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <source>Attention:</source>
        <translation>Attention:</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>Vokabular:</translation>
    </message>
    <message>
        <source>Chat template:</source>
        <translation>Chat-Vorlage:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>Runs here:</source>
        <translation>Läuft hier:</translation>
    </message>
    <message>
        <source>Filter keys</source>
        <translation>Schlüssel filtern</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>Filter by name or type</source>
        <translation>Nach Name oder Typ filtern</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tensoren</translation>
    </message>
    <message>
        <source>This file could not be read, so it has no metadata or tensors to show.</source>
        <translation>Diese Datei konnte nicht gelesen werden, daher gibt es keine Metadaten oder Tensoren zu zeigen.</translation>
    </message>
    <message>
        <source>QuantDesk could not read this file: %1</source>
        <translation>QuantDesk konnte diese Datei nicht lesen: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (guessed from the tensors)</source>
        <translation>%1 (aus den Tensoren geschätzt)</translation>
    </message>
    <message>
        <source>%1 · %2 bits per weight</source>
        <translation>%1 · %2 Bit pro Gewicht</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2 bytes) · GGUF version %3</source>
        <translation>%1 (%2 Byte) · GGUF-Version %3</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Tokens</translation>
    </message>
    <message>
        <source>%1 layers</source>
        <translation>%1 Schichten</translation>
    </message>
    <message>
        <source>width %1</source>
        <translation>Breite %1</translation>
    </message>
    <message>
        <source>feed-forward %1</source>
        <translation>Feed-Forward %1</translation>
    </message>
    <message>
        <source>%1 heads, %2 key/value heads</source>
        <translation>%1 Köpfe, %2 Key/Value-Köpfe</translation>
    </message>
    <message>
        <source>%1 tokenizer</source>
        <translation>Tokenizer %1</translation>
    </message>
    <message>
        <source>%1 tokenizer, pre-tokenizer %2</source>
        <translation>Tokenizer %1, Pre-Tokenizer %2</translation>
    </message>
    <message>
        <source>Yes · &lt;a href=&quot;template&quot;&gt;show&lt;/a&gt;</source>
        <translation>Ja · &lt;a href=&quot;template&quot;&gt;anzeigen&lt;/a&gt;</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>fits in RAM</source>
        <translation>passt in den RAM</translation>
    </message>
    <message>
        <source>tight in RAM</source>
        <translation>knapp im RAM</translation>
    </message>
    <message>
        <source>does not fit in RAM</source>
        <translation>passt nicht in den RAM</translation>
    </message>
    <message>
        <source>RAM unknown</source>
        <translation>RAM unbekannt</translation>
    </message>
    <message>
        <source>%1 at %2 tokens (weights %3 + KV cache %4) · %5</source>
        <translation>%1 bei %2 Tokens (Gewichte %3 + KV-Cache %4) · %5</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>weights %1</source>
        <translation>Gewichte %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No: %1</source>
        <translation>Nein: %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Could not read the file again: %1</source>
        <translation>Die Datei konnte nicht erneut gelesen werden: %1</translation>
    </message>
    <message>
        <source>Metadata (%1)</source>
        <translation>Metadaten (%1)</translation>
    </message>
    <message>
        <source>Tensors (%1)</source>
        <translation>Tensoren (%1)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>Chat-Vorlage</translation>
    </message>
</context>
<context>
    <name>qd::ui::ModelListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bit/Gewicht</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Fits in RAM</source>
        <translation>Passt in RAM</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Number of weights in all tensors</source>
        <translation>Anzahl der Gewichte in allen Tensoren</translation>
    </message>
    <message>
        <source>The quantization mix (llama.cpp file type) the file was written with</source>
        <translation>Die Quantisierungsmischung (llama.cpp-Dateityp), mit der die Datei geschrieben wurde</translation>
    </message>
    <message>
        <source>Average bits per weight over all tensors</source>
        <translation>Durchschnittliche Bits pro Gewicht über alle Tensoren</translation>
    </message>
    <message>
        <source>Size of the file on disk</source>
        <translation>Größe der Datei auf dem Datenträger</translation>
    </message>
    <message>
        <source>Context length the model was trained for, in tokens</source>
        <translation>Kontextlänge, für die das Modell trainiert wurde, in Tokens</translation>
    </message>
    <message>
        <source>Number of transformer blocks</source>
        <translation>Anzahl der Transformer-Blöcke</translation>
    </message>
    <message>
        <source>Whether weights plus the KV cache at the model&apos;s full context fit in this computer&apos;s RAM</source>
        <translation>Ob Gewichte und KV-Cache beim vollen Kontext des Modells in den RAM dieses Rechners passen</translation>
    </message>
    <message>
        <source>Whether QuantDesk can run the model, and why not</source>
        <translation>Ob QuantDesk das Modell ausführen kann, und wenn nicht, warum</translation>
    </message>
    <message>
        <source>Unreadable: %1</source>
        <translation>Nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>Nicht ausführbar: %1</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Yes · %1</source>
        <translation>Ja · %1</translation>
    </message>
    <message>
        <source>Tight · %1</source>
        <translation>Knapp · %1</translation>
    </message>
    <message>
        <source>No · %1</source>
        <translation>Nein · %1</translation>
    </message>
    <message>
        <source>Running this model at its full context of %1 tokens needs about %2:
weights %3 + KV cache %4 (16-bit keys and values).</source>
        <translation>Dieses Modell braucht bei seinem vollen Kontext von %1 Tokens etwa %2:
Gewichte %3 + KV-Cache %4 (16-Bit-Keys und -Values).</translation>
    </message>
    <message>
        <source>This computer&apos;s RAM is unknown.</source>
        <translation>Der RAM dieses Rechners ist unbekannt.</translation>
    </message>
    <message>
        <source>This computer has %1 of RAM.</source>
        <translation>Dieser Rechner hat %1 RAM.</translation>
    </message>
    <message>
        <source>Yes: up to %1% of RAM. Tight: up to %2%; other programs may be paged out. No: more.</source>
        <translation>Ja: bis %1 % des RAM. Knapp: bis %2 %; andere Programme werden womöglich ausgelagert. Nein: mehr.</translation>
    </message>
    <message>
        <source>QuantDesk could not read this file:
%1</source>
        <translation>QuantDesk konnte diese Datei nicht lesen:
%1</translation>
    </message>
    <message>
        <source>Tensors by type: %1</source>
        <translation>Tensoren nach Typ: %1</translation>
    </message>
    <message>
        <source>The file does not name its type; guessed from its largest tensors.</source>
        <translation>Die Datei nennt ihren Typ nicht; er wurde aus den größten Tensoren geschätzt.</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>QuantDesk can run every tensor type in this file.</source>
        <translation>QuantDesk kann alle Tensortypen dieser Datei ausführen.</translation>
    </message>
</context>
<context>
    <name>qd::ui::ModelsPage</name>
    <message>
        <source>1 model</source>
        <translation>1 Modell</translation>
    </message>
    <message>
        <source>%1 models</source>
        <translation>%1 Modelle</translation>
    </message>
    <message>
        <source>Your model library is empty</source>
        <translation>Ihre Modellbibliothek ist leer</translation>
    </message>
    <message>
        <source>Add a folder that holds GGUF model files (*.gguf). QuantDesk searches its subfolders too,
lists every model with its size, quantization and memory needs, and remembers the folder.</source>
        <translation>Fügen Sie einen Ordner mit GGUF-Modelldateien (*.gguf) hinzu. QuantDesk durchsucht auch seine Unterordner,
listet jedes Modell mit Größe, Quantisierung und Speicherbedarf auf und merkt sich den Ordner.</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Open a single file…</source>
        <translation>Einzelne Datei öffnen…</translation>
    </message>
    <message>
        <source>Add a folder with GGUF files to the library (Ctrl+Shift+O)</source>
        <translation>Einen Ordner mit GGUF-Dateien zur Bibliothek hinzufügen (Strg+Umschalt+O)</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>Datei öffnen…</translation>
    </message>
    <message>
        <source>Add a single GGUF file to the library (Ctrl+O)</source>
        <translation>Eine einzelne GGUF-Datei zur Bibliothek hinzufügen (Strg+O)</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Neu einlesen</translation>
    </message>
    <message>
        <source>Look for new, changed and deleted files in the library (F5)</source>
        <translation>Nach neuen, geänderten und gelöschten Dateien in der Bibliothek suchen (F5)</translation>
    </message>
    <message>
        <source>Filter by name, file, architecture or type</source>
        <translation>Nach Name, Datei, Architektur oder Typ filtern</translation>
    </message>
    <message>
        <source>Every word must match (Ctrl+F)</source>
        <translation>Jedes Wort muss passen (Strg+F)</translation>
    </message>
    <message>
        <source>Show one file type only</source>
        <translation>Nur einen Dateityp zeigen</translation>
    </message>
    <message>
        <source>Show the models of one library folder only</source>
        <translation>Nur die Modelle eines Bibliotheksordners zeigen</translation>
    </message>
    <message>
        <source>Remove the chosen folder from the library (its files stay on disk)</source>
        <translation>Den gewählten Ordner aus der Bibliothek entfernen (seine Dateien bleiben erhalten)</translation>
    </message>
    <message>
        <source>Add a folder with GGUF models</source>
        <translation>Ordner mit GGUF-Modellen hinzufügen</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>GGUF-Modell öffnen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF-Modelle (*.gguf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>All folders</source>
        <translation>Alle Ordner</translation>
    </message>
    <message>
        <source>Every model in the library</source>
        <translation>Alle Modelle der Bibliothek</translation>
    </message>
    <message>
        <source>Not found: the folder was moved, deleted or is on a drive that is not connected.</source>
        <translation>Nicht gefunden: Der Ordner wurde verschoben, gelöscht oder liegt auf einem nicht verbundenen Laufwerk.</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>Unreadable files</source>
        <translation>Nicht lesbare Dateien</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Looking for GGUF files…</source>
        <translation>Suche nach GGUF-Dateien…</translation>
    </message>
    <message>
        <source>No GGUF files found in the library folders.
Add another folder, or put .gguf files in one and rescan.</source>
        <translation>In den Bibliotheksordnern wurden keine GGUF-Dateien gefunden.
Fügen Sie einen weiteren Ordner hinzu oder legen Sie .gguf-Dateien hinein und lesen Sie neu ein.</translation>
    </message>
    <message>
        <source>No model matches the filter.</source>
        <translation>Kein Modell passt zum Filter.</translation>
    </message>
    <message>
        <source>Show in file manager</source>
        <translation>Im Dateimanager zeigen</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Remove from library</source>
        <translation>Aus der Bibliothek entfernen</translation>
    </message>
</context>
<context>
    <name>qd::ui::TensorTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Byte</translation>
    </message>
    <message>
        <source>Dimensions in ggml order: the row length comes first</source>
        <translation>Dimensionen in ggml-Reihenfolge: die Zeilenlänge zuerst</translation>
    </message>
    <message>
        <source>%1
at byte %2 of the file</source>
        <translation>%1
ab Byte %2 der Datei</translation>
    </message>
</context>
<context>
    <name>qd::ui::ValueDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
</context>
</TS>
