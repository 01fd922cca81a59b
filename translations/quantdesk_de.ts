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
    <message>
        <source>Conversations are not saved this time: %1</source>
        <translation>Unterhaltungen werden diesmal nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>qd::ui</name>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <source>LM Studio</source>
        <translation>LM Studio</translation>
    </message>
    <message>
        <source>GPT4All</source>
        <translation>GPT4All</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>llama.cpp cache</source>
        <translation>llama.cpp-Cache</translation>
    </message>
    <message>
        <source>Disk full: %1 free in %2, %3 needed. Free some space or choose another output folder.</source>
        <translation>Datenträger voll: %1 frei in %2, %3 nötig. Schaffen Sie Platz oder wählen Sie einen anderen Ausgabeordner.</translation>
    </message>
    <message>
        <source>Disk full. Free some space or choose another output folder.</source>
        <translation>Datenträger voll. Schaffen Sie Platz oder wählen Sie einen anderen Ausgabeordner.</translation>
    </message>
    <message>
        <source>Could not read or write a file: %1. Check that the folder exists and that you may write there.</source>
        <translation>Eine Datei konnte nicht gelesen oder geschrieben werden: %1. Prüfen Sie, ob der Ordner existiert und Sie dort schreiben dürfen.</translation>
    </message>
    <message>
        <source>Not enough memory: %1. Close other programs, or choose a smaller context.</source>
        <translation>Nicht genug Arbeitsspeicher: %1. Schließen Sie andere Programme oder wählen Sie einen kleineren Kontext.</translation>
    </message>
    <message>
        <source>QuantDesk cannot do this yet: %1</source>
        <translation>Das kann QuantDesk noch nicht: %1</translation>
    </message>
    <message>
        <source>Internal error (a bug in QuantDesk; please report it with the log): %1</source>
        <translation>Interner Fehler (ein Fehler in QuantDesk; bitte mit dem Protokoll melden): %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Import %1 to F16</source>
        <translation>%1 nach F16 importieren</translation>
    </message>
    <message>
        <source>Importing %1 into %2</source>
        <translation>Importiere %1 nach %2</translation>
    </message>
    <message>
        <source>importing</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>%1 tensors, %2 parameters</source>
        <translation>%1 Tensoren, %2 Parameter</translation>
    </message>
    <message>
        <source>Imported %1 (%2)</source>
        <translation>%1 importiert (%2)</translation>
    </message>
    <message>
        <source>Quantize to %1 → %2</source>
        <translation>Nach %1 quantisieren → %2</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Output: %1 (predicted %2 bytes)</source>
        <translation>Ausgabe: %1 (vorhergesagt %2 Bytes)</translation>
    </message>
    <message>
        <source>The source %1 is gone; nothing was written.</source>
        <translation>Die Quelle %1 ist verschwunden; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>The source file changed while it was being read, so the output was removed. Run again once nothing else writes to it.</source>
        <translation>Die Quelldatei hat sich beim Lesen geändert, daher wurde die Ausgabe entfernt. Starten Sie erneut, sobald kein anderes Programm mehr in sie schreibt.</translation>
    </message>
    <message>
        <source>The source file was deleted while it was being read, so the output was removed.</source>
        <translation>Die Quelldatei wurde beim Lesen gelöscht, daher wurde die Ausgabe entfernt.</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Wrote %1 bytes in %2 s (%3 MB/s of source)</source>
        <translation>%1 Bytes in %2 s geschrieben (%3 MB/s der Quelle)</translation>
    </message>
    <message>
        <source>%1 written: %2 in %3 s</source>
        <translation>%1 geschrieben: %2 in %3 s</translation>
    </message>
    <message>
        <source>Evaluate %1</source>
        <translation>%1 bewerten</translation>
    </message>
    <message>
        <source>%1: not made, not evaluated</source>
        <translation>%1: nicht erstellt, nicht bewertet</translation>
    </message>
    <message>
        <source>Nothing to evaluate: no variant was made.</source>
        <translation>Nichts zu bewerten: keine Variante wurde erstellt.</translation>
    </message>
    <message>
        <source>The source %1 is gone, so nothing can be compared with it.</source>
        <translation>Die Quelle %1 ist verschwunden, daher kann nichts mit ihr verglichen werden.</translation>
    </message>
    <message>
        <source>Text: %1, context %2, %3</source>
        <translation>Text: %1, Kontext %2, %3</translation>
    </message>
    <message>
        <source>at most %1 chunks</source>
        <translation>höchstens %1 Abschnitte</translation>
    </message>
    <message>
        <source>every chunk</source>
        <translation>alle Abschnitte</translation>
    </message>
    <message>
        <source>Cancelled; the variants measured before are in the results database.</source>
        <translation>Abgebrochen; die bereits gemessenen Varianten stehen in der Ergebnisdatenbank.</translation>
    </message>
    <message>
        <source>measured on this model (%1)</source>
        <translation>an diesem Modell gemessen (%1)</translation>
    </message>
    <message>
        <source>Choose a model: a GGUF file, a Hugging Face model folder or a llama2.c checkpoint.</source>
        <translation>Wählen Sie ein Modell: eine GGUF-Datei, einen Hugging-Face-Modellordner oder einen llama2.c-Checkpoint.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 cannot be read: check its permissions.</source>
        <translation>%1 kann nicht gelesen werden: Prüfen Sie die Zugriffsrechte.</translation>
    </message>
    <message>
        <source>This folder cannot be imported: %1</source>
        <translation>Dieser Ordner kann nicht importiert werden: %1</translation>
    </message>
    <message>
        <source>This is neither a GGUF file nor a llama2.c checkpoint QuantDesk can read: %1</source>
        <translation>Dies ist weder eine GGUF-Datei noch ein llama2.c-Checkpoint, den QuantDesk lesen kann: %1</translation>
    </message>
    <message>
        <source>This GGUF file cannot be read: %1</source>
        <translation>Diese GGUF-Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>This file has no weight matrices to quantize (is it a vocabulary-only file?).</source>
        <translation>Diese Datei hat keine Gewichtsmatrizen zum Quantisieren (enthält sie nur ein Vokabular?).</translation>
    </message>
    <message>
        <source>unknown method</source>
        <translation>unbekannte Methode</translation>
    </message>
    <message>
        <source>line %1: write PATTERN=TYPE, for example attn_v=q8_0</source>
        <translation>Zeile %1: Schreiben Sie MUSTER=TYP, zum Beispiel attn_v=q8_0</translation>
    </message>
    <message>
        <source>line %1: unknown tensor type &apos;%2&apos;</source>
        <translation>Zeile %1: unbekannter Tensortyp „%2“</translation>
    </message>
    <message>
        <source>line %1: &apos;%2&apos; is not a valid regular expression</source>
        <translation>Zeile %1: „%2“ ist kein gültiger regulärer Ausdruck</translation>
    </message>
    <message>
        <source>Load %1 for chat</source>
        <translation>%1 für den Chat laden</translation>
    </message>
    <message>
        <source>Checking memory</source>
        <translation>Speicher wird geprüft</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>QuantDesk cannot run %1: %2</source>
        <translation>QuantDesk kann %1 nicht ausführen: %2</translation>
    </message>
    <message>
        <source>Not enough memory: %1 needs %2 at a context of %3 tokens (file %4, KV cache and buffers %5), and %6 is free. Choose a smaller context or a smaller file, or close other programs.</source>
        <translation>Nicht genug Speicher: %1 braucht %2 bei einem Kontext von %3 Tokens (Datei %4, KV-Cache und Puffer %5), frei sind %6. Wählen Sie einen kleineren Kontext oder eine kleinere Datei, oder schließen Sie andere Programme.</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <source>%1 failed to load: %2</source>
        <translation>%1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>The tokenizer of %1 cannot be used: %2</source>
        <translation>Der Tokenizer von %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>Reading the weights</source>
        <translation>Gewichte werden gelesen</translation>
    </message>
    <message>
        <source>%1 is loaded (%2, context %3, %4 threads).</source>
        <translation>%1 ist geladen (%2, Kontext %3, %4 Threads).</translation>
    </message>
    <message>
        <source>end of the answer</source>
        <translation>Ende der Antwort</translation>
    </message>
    <message>
        <source>stop text</source>
        <translation>Stopptext</translation>
    </message>
    <message>
        <source>token limit</source>
        <translation>Token-Grenze</translation>
    </message>
    <message>
        <source>context full</source>
        <translation>Kontext voll</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>%1 s to first token</source>
        <translation>%1 s bis zum ersten Token</translation>
    </message>
    <message>
        <source>prompt %1 tokens/s</source>
        <translation>Prompt %1 Tokens/s</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens</source>
        <translation>
            <numerusform>%n Token</numerusform>
            <numerusform>%n Tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>greedy (wahrscheinlichstes Token)</translation>
    </message>
    <message>
        <source>temperature %1, top-k %2, top-p %3, min-p %4, seed %5</source>
        <translation>Temperatur %1, Top-k %2, Top-p %3, Min-p %4, Seed %5</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Import %1 + delta %2 to F16</source>
        <translation>%1 + Delta %2 nach F16 importieren</translation>
    </message>
    <message>
        <source>Applying the delta weights of %1</source>
        <translation>Delta-Gewichte aus %1 werden angewendet</translation>
    </message>
    <message>
        <source>The delta weights cannot be applied to this base model: %1</source>
        <translation>Die Delta-Gewichte passen nicht zu diesem Basismodell: %1</translation>
    </message>
    <message>
        <source>Delta weights apply to a Hugging Face model folder (the base model), not to this file.</source>
        <translation>Delta-Gewichte werden auf einen Hugging-Face-Modellordner (das Basismodell) angewendet, nicht auf diese Datei.</translation>
    </message>
    <message>
        <source>Loading, with layers on the GPU</source>
        <translation>Wird geladen, mit Schichten auf der GPU</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) on the GPU</source>
        <translation>
            <numerusform>%n Schicht auf der GPU</numerusform>
            <numerusform>%n Schichten auf der GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>Every layer on the GPU</source>
        <translation>Alle Schichten auf der GPU</translation>
    </message>
    <message>
        <source>%1 was computed for another model: it has an entry for %2, which %3 does not have.</source>
        <translation>%1 wurde für ein anderes Modell berechnet: es hat einen Eintrag für %2, das %3 nicht hat.</translation>
    </message>
    <message>
        <source>%1 was computed for another model: its %2 has %3 values, and the tensor&apos;s rows here hold %4.</source>
        <translation>%1 wurde für ein anderes Modell berechnet: sein %2 hat %3 Werte, die Zeilen des Tensors hier haben %4.</translation>
    </message>
    <message>
        <source>Importance matrix of %1</source>
        <translation>Importance-Matrix von %1</translation>
    </message>
    <message numerus="yes">
        <source>Reused the importance matrix computed before (%n chunk(s))</source>
        <translation>
            <numerusform>Die zuvor berechnete Importance-Matrix wiederverwendet (%n Abschnitt)</numerusform>
            <numerusform>Die zuvor berechnete Importance-Matrix wiederverwendet (%n Abschnitte)</numerusform>
        </translation>
    </message>
    <message>
        <source>The calibration text %1 cannot be read.</source>
        <translation>Der Kalibrierungstext %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Going on after chunk %1 of the run stopped before</source>
        <translation>Weiter nach Abschnitt %1 des zuvor angehaltenen Laufs</translation>
    </message>
    <message>
        <source>Text: %1, chunks of %2 tokens</source>
        <translation>Text: %1, Abschnitte zu %2 Token</translation>
    </message>
    <message>
        <source>Chunk</source>
        <translation>Abschnitt</translation>
    </message>
    <message numerus="yes">
        <source>Stopped; the %n chunk(s) done are kept for the next run.</source>
        <translation>
            <numerusform>Angehalten; der fertige Abschnitt bleibt für den nächsten Lauf.</numerusform>
            <numerusform>Angehalten; die %n fertigen Abschnitte bleiben für den nächsten Lauf.</numerusform>
        </translation>
    </message>
    <message>
        <source>The importance matrix could not be computed: %1</source>
        <translation>Die Importance-Matrix konnte nicht berechnet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Importance matrix computed on %n chunk(s)</source>
        <translation>
            <numerusform>Importance-Matrix aus %n Abschnitt berechnet</numerusform>
            <numerusform>Importance-Matrix aus %n Abschnitten berechnet</numerusform>
        </translation>
    </message>
    <message>
        <source>The importance matrix %1 cannot be used: %2</source>
        <translation>Die Importance-Matrix %1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>Importance matrix: %1</source>
        <translation>Importance-Matrix: %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::ArenaView</name>
    <message>
        <source>The files that answer side by side: two or more variants of one model, or any files</source>
        <translation>Die Dateien, die nebeneinander antworten: zwei oder mehr Varianten eines Modells oder beliebige Dateien</translation>
    </message>
    <message>
        <source>At the same time (threads split)</source>
        <translation>Gleichzeitig (Threads geteilt)</translation>
    </message>
    <message>
        <source>One after another (all threads each)</source>
        <translation>Nacheinander (jeweils alle Threads)</translation>
    </message>
    <message>
        <source>At the same time: every column streams at once, each with its share of the cores. One after another: each answer gets every core, so its speed figures are comparable with the others&apos;.</source>
        <translation>Gleichzeitig: Alle Spalten schreiben zugleich, jede mit ihrem Anteil an den Kernen. Nacheinander: Jede Antwort bekommt alle Kerne, ihre Geschwindigkeiten sind also mit denen der anderen vergleichbar.</translation>
    </message>
    <message>
        <source>Blind</source>
        <translation>Blind</translation>
    </message>
    <message>
        <source>Shuffle the columns and hide which file wrote which answer until you vote</source>
        <translation>Spalten mischen und verbergen, welche Datei welche Antwort geschrieben hat, bis Sie abstimmen</translation>
    </message>
    <message>
        <source>One message for every column (Enter sends, Shift+Enter starts a new line)</source>
        <translation>Eine Nachricht für alle Spalten (Eingabe sendet, Umschalt+Eingabe beginnt eine neue Zeile)</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>An alle senden</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>New round</source>
        <translation>Neue Runde</translation>
    </message>
    <message>
        <source>Forget the columns&apos; conversations and start over</source>
        <translation>Die Unterhaltungen der Spalten vergessen und neu beginnen</translation>
    </message>
    <message>
        <source>No runnable models in the library</source>
        <translation>Keine ausführbaren Modelle in der Bibliothek</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Answer %1</source>
        <translation>Antwort %1</translation>
    </message>
    <message>
        <source>Hidden until you vote</source>
        <translation>Verborgen bis zur Abstimmung</translation>
    </message>
    <message numerus="yes">
        <source>Loading %n variant(s)…</source>
        <translation>
            <numerusform>%n Variante wird geladen…</numerusform>
            <numerusform>%n Varianten werden geladen…</numerusform>
        </translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Side by side: answer with %1</source>
        <translation>Nebeneinander: Antwort mit %1</translation>
    </message>
    <message>
        <source>Side by side: %1</source>
        <translation>Nebeneinander: %1</translation>
    </message>
    <message>
        <source>Which answer is better?</source>
        <translation>Welche Antwort ist besser?</translation>
    </message>
    <message>
        <source>%1 is better</source>
        <translation>%1 ist besser</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Unentschieden</translation>
    </message>
    <message>
        <source>The vote could not be stored: %1</source>
        <translation>Die Stimme konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Voted: a tie.</source>
        <translation>Abgestimmt: unentschieden.</translation>
    </message>
    <message>
        <source>Voted: %1 was better — %2.</source>
        <translation>Abgestimmt: %1 war besser — %2.</translation>
    </message>
    <message>
        <source>Variants to compare:</source>
        <translation>Zu vergleichende Varianten:</translation>
    </message>
    <message>
        <source>Tick two or more variants on the left: say Q3_K_M and Q6_K of one model. One message then goes to each, with the same settings and seed.</source>
        <translation>Setzen Sie links bei zwei oder mehr Varianten ein Häkchen, etwa Q3_K_M und Q6_K eines Modells. Eine Nachricht geht dann an jede, mit denselben Einstellungen und demselben Seed.</translation>
    </message>
    <message>
        <source>The answer could not be stored: %1</source>
        <translation>Die Antwort konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::ChatController</name>
    <message>
        <source>The model was not loaded.</source>
        <translation>Das Modell wurde nicht geladen.</translation>
    </message>
    <message>
        <source>Answer with %1</source>
        <translation>Antwort mit %1</translation>
    </message>
    <message>
        <source>The chat template cannot be used: %1</source>
        <translation>Die Chat-Vorlage ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The chat template failed to render this conversation: %1</source>
        <translation>Die Chat-Vorlage konnte diese Unterhaltung nicht darstellen: %1</translation>
    </message>
    <message>
        <source>The message does not fit: %1. Raise the context size in the settings, or shorten the message.</source>
        <translation>Die Nachricht passt nicht: %1. Erhöhen Sie die Kontextgröße in den Einstellungen oder kürzen Sie die Nachricht.</translation>
    </message>
    <message>
        <source>Answering</source>
        <translation>Antwortet</translation>
    </message>
    <message>
        <source>The answer failed: %1</source>
        <translation>Die Antwort ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 tokens, %2 tokens/s</source>
        <translation>%1 Tokens, %2 Tokens/s</translation>
    </message>
</context>
<context>
    <name>qd::ui::ChatPage</name>
    <message>
        <source>The model to chat with: the runnable GGUF files of the library</source>
        <translation>Das Modell für den Chat: die ausführbaren GGUF-Dateien der Bibliothek</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Send one prompt to several variants and compare the answers</source>
        <translation>Einen Prompt an mehrere Varianten senden und die Antworten vergleichen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Eine neue Unterhaltung beginnen (Strg+N)</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Right-click a conversation to rename, export or delete it</source>
        <translation>Rechtsklick auf eine Unterhaltung, um sie umzubenennen, zu exportieren oder zu löschen</translation>
    </message>
    <message>
        <source>Message (Enter sends, Shift+Enter starts a new line)</source>
        <translation>Nachricht (Eingabe sendet, Umschalt+Eingabe beginnt eine neue Zeile)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the answer; what it wrote so far stays (Esc)</source>
        <translation>Die Antwort anhalten; was bisher geschrieben wurde, bleibt (Esc)</translation>
    </message>
    <message>
        <source>Context: no model loaded</source>
        <translation>Kontext: kein Modell geladen</translation>
    </message>
    <message>
        <source>Everything the model sees at once: system prompt, history and the answer so far. When it fills, the oldest turns leave the context (the system prompt stays) and the conversation marks where.</source>
        <translation>Alles, was das Modell auf einmal sieht: Systemprompt, Verlauf und die bisherige Antwort. Ist er voll, verlassen die ältesten Runden den Kontext (der Systemprompt bleibt), und die Unterhaltung markiert die Stelle.</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>Entladen</translation>
    </message>
    <message>
        <source>The conversation history cannot be read: %1</source>
        <translation>Der Unterhaltungsverlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 — cannot run: %2</source>
        <translation>%1 — nicht ausführbar: %2</translation>
    </message>
    <message>
        <source>%1
QuantDesk cannot run it: %2</source>
        <translation>%1
QuantDesk kann sie nicht ausführen: %2</translation>
    </message>
    <message>
        <source>No models in the library yet: add a folder on the Models page</source>
        <translation>Noch keine Modelle in der Bibliothek: Fügen Sie auf der Seite „Modelle“ einen Ordner hinzu</translation>
    </message>
    <message>
        <source>Choose a model first. The Models page adds folders to the library.</source>
        <translation>Wählen Sie zuerst ein Modell. Auf der Seite „Modelle“ fügen Sie der Bibliothek Ordner hinzu.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>%1 · %2 · context %3 · %4 threads · %5</source>
        <translation>%1 · %2 · Kontext %3 · %4 Threads · %5</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>%1 of %2 tokens in the context</source>
        <translation>%1 von %2 Tokens im Kontext</translation>
    </message>
    <message>
        <source>The conversation history could not be written: %1</source>
        <translation>Der Unterhaltungsverlauf konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>This conversation was with %1.</source>
        <translation>Diese Unterhaltung war mit %1.</translation>
    </message>
    <message>
        <source>Load it</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>This conversation was with %1, which is not in the library now.</source>
        <translation>Diese Unterhaltung war mit %1, das jetzt nicht in der Bibliothek ist.</translation>
    </message>
    <message>
        <source>Use the built-in ChatML template</source>
        <translation>Eingebaute ChatML-Vorlage verwenden</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Editing a message: Send makes a new version of it and answers that; the old version and its answers stay (‹ › switches between them). Esc cancels.</source>
        <translation>Eine Nachricht bearbeiten: „Senden“ erzeugt eine neue Fassung und beantwortet sie; die alte Fassung und ihre Antworten bleiben (‹ › wechselt zwischen ihnen). Esc bricht ab.</translation>
    </message>
    <message>
        <source>The conversation could not be exported: %1</source>
        <translation>Die Unterhaltung konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Unterhaltung umbenennen</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Als Markdown exportieren…</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Unterhaltung löschen</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; with all its messages and versions? This cannot be undone.</source>
        <translation>„%1“ mit allen Nachrichten und Fassungen löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>(your next message)</source>
        <translation>(Ihre nächste Nachricht)</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Keine Vorschau: %1</translation>
    </message>
    <message>
        <source>The prompt the model sees</source>
        <translation>Der Prompt, den das Modell sieht</translation>
    </message>
    <message>
        <source>%1 tokens, with %2. Special tokens are shown as text.</source>
        <translation>%1 Tokens, mit %2. Spezial-Tokens werden als Text gezeigt.</translation>
    </message>
    <message>
        <source>Choose a model above, type a message below and press Enter.</source>
        <translation>Wählen Sie oben ein Modell, schreiben Sie unten eine Nachricht und drücken Sie die Eingabetaste.</translation>
    </message>
    <message>
        <source>Answers appear as they are written; Stop keeps what was written so far. Regenerate and Edit keep the earlier versions (‹ › switches between them). The settings on the right apply to the next answer.</source>
        <translation>Antworten erscheinen, während sie geschrieben werden; „Anhalten“ behält das bisher Geschriebene. „Neu erzeugen“ und „Bearbeiten“ behalten die früheren Fassungen (‹ › wechselt zwischen ihnen). Die Einstellungen rechts gelten für die nächste Antwort.</translation>
    </message>
    <message>
        <source>%1 of %2 layers run on the GPU: %3</source>
        <translation>%1 von %2 Schichten laufen auf der GPU: %3</translation>
    </message>
    <message>
        <source>%1 of %2 layers on the GPU</source>
        <translation>%1 von %2 Schichten auf der GPU</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>nur CPU</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · context %4 · %5 threads · %6</source>
        <translation>%1 · %2 · %3 · Kontext %4 · %5 Threads · %6</translation>
    </message>
    <message>
        <source>Settings changed: Reload to apply — %1</source>
        <translation>Einstellungen geändert: zum Übernehmen neu laden — %1</translation>
    </message>
    <message>
        <source>%1
Runs on %2</source>
        <translation>%1
Läuft auf %2</translation>
    </message>
    <message>
        <source>No layer runs on the GPU: %1</source>
        <translation>Keine Schicht läuft auf der GPU: %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::ChatSettingsPanel</name>
    <message>
        <source>Named settings: choose one to apply it</source>
        <translation>Benannte Einstellungen: Wählen Sie eine, um sie anzuwenden</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save these settings as a preset</source>
        <translation>Diese Einstellungen als Voreinstellung speichern</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the chosen preset</source>
        <translation>Die gewählte Voreinstellung löschen</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Voreinstellung:</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>System prompt (optional): how the model should behave</source>
        <translation>Systemprompt (optional): wie sich das Modell verhalten soll</translation>
    </message>
    <message>
        <source>The model&apos;s own template</source>
        <translation>Die eigene Vorlage des Modells</translation>
    </message>
    <message>
        <source>How the conversation is written for the model. Models know the format they were trained on; a built-in one helps when a model&apos;s own template is missing or broken.</source>
        <translation>Wie die Unterhaltung für das Modell geschrieben wird. Modelle kennen das Format, mit dem sie trainiert wurden; eine eingebaute Vorlage hilft, wenn die eigene fehlt oder defekt ist.</translation>
    </message>
    <message>
        <source>Preview prompt…</source>
        <translation>Prompt-Vorschau…</translation>
    </message>
    <message>
        <source>Show the exact text the model will be given for this conversation</source>
        <translation>Den genauen Text zeigen, den das Modell für diese Unterhaltung bekommt</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>0 always picks the most likely token (greedy); higher is more varied</source>
        <translation>0 wählt immer das wahrscheinlichste Token (greedy); höher ist abwechslungsreicher</translation>
    </message>
    <message>
        <source>Only the K most likely tokens are candidates (0: off)</source>
        <translation>Nur die K wahrscheinlichsten Tokens sind Kandidaten (0: aus)</translation>
    </message>
    <message>
        <source>Only the most likely tokens that together have this probability (1: off)</source>
        <translation>Nur die wahrscheinlichsten Tokens, die zusammen diese Wahrscheinlichkeit haben (1: aus)</translation>
    </message>
    <message>
        <source>Drops tokens less likely than this share of the most likely one (0: off)</source>
        <translation>Verwirft Tokens, die weniger wahrscheinlich sind als dieser Anteil des wahrscheinlichsten (0: aus)</translation>
    </message>
    <message>
        <source>Makes recently used tokens less likely (1: off)</source>
        <translation>Macht kürzlich verwendete Tokens weniger wahrscheinlich (1: aus)</translation>
    </message>
    <message>
        <source>How many recent tokens the repeat penalty looks at</source>
        <translation>Wie viele der letzten Tokens die Wiederholungsstrafe betrachtet</translation>
    </message>
    <message>
        <source>The longest answer, in tokens</source>
        <translation>Die längste Antwort, in Tokens</translation>
    </message>
    <message>
        <source>The same seed, settings and conversation give the same answer</source>
        <translation>Gleicher Seed, gleiche Einstellungen und gleiche Unterhaltung ergeben dieselbe Antwort</translation>
    </message>
    <message>
        <source>New for each answer</source>
        <translation>Neu für jede Antwort</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Temperatur:</translation>
    </message>
    <message>
        <source>Top-k:</source>
        <translation>Top-k:</translation>
    </message>
    <message>
        <source>Top-p:</source>
        <translation>Top-p:</translation>
    </message>
    <message>
        <source>Min-p:</source>
        <translation>Min-p:</translation>
    </message>
    <message>
        <source>Repeat penalty:</source>
        <translation>Wiederholungsstrafe:</translation>
    </message>
    <message>
        <source>Repeat window:</source>
        <translation>Wiederholungsfenster:</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>Max. Tokens:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>Tokens the model sees at once: system prompt, history and the answer. More needs more memory. Changing it reloads the model.</source>
        <translation>Tokens, die das Modell auf einmal sieht: Systemprompt, Verlauf und Antwort. Mehr braucht mehr Speicher. Eine Änderung lädt das Modell neu.</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>CPU threads for the model. Changing it reloads the model.</source>
        <translation>CPU-Threads für das Modell. Eine Änderung lädt das Modell neu.</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>Voreinstellung löschen</translation>
    </message>
    <message>
        <source>Delete the preset &quot;%1&quot;?</source>
        <translation>Die Voreinstellung „%1“ löschen?</translation>
    </message>
    <message>
        <source>This model was trained for a context of up to %1 tokens.</source>
        <translation>Dieses Modell wurde für einen Kontext von bis zu %1 Tokens trainiert.</translation>
    </message>
    <message>
        <source>(custom)</source>
        <translation>(eigene)</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Voreinstellung speichern</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>Name der Voreinstellung:</translation>
    </message>
    <message>
        <source>Replace the preset &quot;%1&quot;?</source>
        <translation>Die Voreinstellung „%1“ ersetzen?</translation>
    </message>
    <message>
        <source>A Vulkan GPU that holds some or all of the model&apos;s layers (Help ▸ This Machine lists them). Changing it reloads the model.</source>
        <translation>Eine Vulkan-GPU, die einige oder alle Schichten des Modells hält (Hilfe ▸ Dieser Rechner listet sie auf). Eine Änderung lädt das Modell neu.</translation>
    </message>
    <message>
        <source>GPU:</source>
        <translation>GPU:</translation>
    </message>
</context>
<context>
    <name>qd::ui::ChatView</name>
    <message>
        <source>(stopped)</source>
        <translation>(angehalten)</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>The messages above no longer fit in the context window: the model does not see them. The system prompt stays.</source>
        <translation>Die Nachrichten darüber passen nicht mehr ins Kontextfenster: Das Modell sieht sie nicht. Der Systemprompt bleibt.</translation>
    </message>
</context>
<context>
    <name>qd::ui::ComparePage</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation>Qualität:</translation>
    </message>
    <message>
        <source>KL divergence (mean, p99)</source>
        <translation>KL-Divergenz (Mittel, p99)</translation>
    </message>
    <message>
        <source>Perplexity ± error</source>
        <translation>Perplexität ± Fehler</translation>
    </message>
    <message>
        <source>ΔPerplexity %</source>
        <translation>ΔPerplexität %</translation>
    </message>
    <message>
        <source>ln(PPL ratio)</source>
        <translation>ln(PPL-Verhältnis)</translation>
    </message>
    <message>
        <source>Same top token %</source>
        <translation>Gleiches Top-Token %</translation>
    </message>
    <message>
        <source>The quality measure on the vertical axis; the recommendation chooses by it too</source>
        <translation>Das Qualitätsmaß auf der senkrechten Achse; auch die Empfehlung wählt danach</translation>
    </message>
    <message>
        <source>Against:</source>
        <translation>Gegen:</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Dateigröße</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits pro Gewicht</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>What the model may use: free memory now, unless you set another figure</source>
        <translation>Was das Modell belegen darf: der jetzt freie Speicher, sofern Sie keinen anderen Wert setzen</translation>
    </message>
    <message>
        <source>at context</source>
        <translation>bei Kontext</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>Generate at least:</source>
        <translation>Mindestens erzeugen:</translation>
    </message>
    <message>
        <source> tokens/s</source>
        <translation> Token/s</translation>
    </message>
    <message>
        <source>any speed</source>
        <translation>jede Geschwindigkeit</translation>
    </message>
    <message>
        <source>Choose in:</source>
        <translation>Wählen unter:</translation>
    </message>
    <message>
        <source>The base model whose variants the recommendation chooses among</source>
        <translation>Das Basismodell, unter dessen Varianten die Empfehlung wählt</translation>
    </message>
    <message>
        <source>Chat with…</source>
        <translation>Chatten mit…</translation>
    </message>
    <message>
        <source>Open the selected variant on the Chat page</source>
        <translation>Die gewählte Variante auf der Chat-Seite öffnen</translation>
    </message>
    <message>
        <source>Show in Models</source>
        <translation>In Modellen zeigen</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <source>Save the size-against-quality chart as PNG, PDF or SVG</source>
        <translation>Das Diagramm Größe gegen Qualität als PNG, PDF oder SVG speichern</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>Tabelle exportieren…</translation>
    </message>
    <message>
        <source>Save the table as CSV, in its current order</source>
        <translation>Die Tabelle als CSV speichern, in ihrer aktuellen Reihenfolge</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Bericht exportieren…</translation>
    </message>
    <message>
        <source>A report to publish with the model: perplexity, size and speed of every variant against the unquantized one, with the chart (Markdown or HTML)</source>
        <translation>Ein Bericht zum Veröffentlichen mit dem Modell: Perplexität, Größe und Geschwindigkeit jeder Variante gegenüber der unquantisierten, mit dem Diagramm (Markdown oder HTML)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV-Tabelle (*.csv)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML page (*.html)</source>
        <translation>Markdown (*.md);;HTML-Seite (*.html)</translation>
    </message>
    <message>
        <source>The file is gone: %1</source>
        <translation>Die Datei ist nicht mehr da: %1</translation>
    </message>
    <message>
        <source>Select the file on the Models page</source>
        <translation>Die Datei auf der Modelle-Seite auswählen</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) measured</source>
        <translation>
            <numerusform>%n Variante gemessen</numerusform>
            <numerusform>%n Varianten gemessen</numerusform>
        </translation>
    </message>
    <message>
        <source>Size against quality</source>
        <translation>Größe gegen Qualität</translation>
    </message>
    <message>
        <source>Choose a file name ending in .png, .pdf or .svg.</source>
        <translation>Wählen Sie einen Dateinamen mit der Endung .png, .pdf oder .svg.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>this machine</source>
        <translation>diesem Rechner</translation>
    </message>
    <message>
        <source>Quantization report</source>
        <translation>Quantisierungsbericht</translation>
    </message>
    <message>
        <source>Measured with QuantDesk %1 on %2. Perplexity on the text named below; KL divergence of each variant&apos;s next-token distribution from the unquantized model&apos;s; ms/token is generation on this machine.</source>
        <translation>Gemessen mit QuantDesk %1 auf %2. Perplexität auf dem unten genannten Text; KL-Divergenz der Verteilung des nächsten Tokens jeder Variante von der des unquantisierten Modells; ms/Token ist die Erzeugung auf diesem Rechner.</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bits/Gewicht</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>ΔPPL</source>
        <translation>ΔPPL</translation>
    </message>
    <message>
        <source>KLD mean</source>
        <translation>KLD Mittel</translation>
    </message>
    <message>
        <source>KLD p99</source>
        <translation>KLD p99</translation>
    </message>
    <message>
        <source>Same top</source>
        <translation>Gleiches Top</translation>
    </message>
    <message>
        <source>ms/token</source>
        <translation>ms/Token</translation>
    </message>
    <message>
        <source>vs. base</source>
        <translation>ggü. Basis</translation>
    </message>
    <message>
        <source>%1 (base)</source>
        <translation>%1 (Basis)</translation>
    </message>
    <message>
        <source>Base: %1 (%2). ms/token against the %2 base. Last measured: %3.</source>
        <translation>Basis: %1 (%2). ms/Token gegenüber der %2-Basis. Zuletzt gemessen: %3.</translation>
    </message>
    <message>
        <source>Base: %1 (%2, not an unquantized model). Last measured: %3.</source>
        <translation>Basis: %1 (%2, kein unquantisiertes Modell). Zuletzt gemessen: %3.</translation>
    </message>
    <message>
        <source>Choose a file name ending in .md or .html.</source>
        <translation>Wählen Sie einen Dateinamen mit der Endung .md oder .html.</translation>
    </message>
    <message>
        <source>16-bit files</source>
        <translation>16-Bit-Dateien</translation>
    </message>
    <message>
        <source>Plot F16 and BF16 variants too (their divergence is thousands of times below any quantized file&apos;s); the table lists them either way</source>
        <translation>Auch F16- und BF16-Varianten zeichnen (ihre Divergenz liegt tausendfach unter der jeder quantisierten Datei); die Tabelle listet sie in jedem Fall</translation>
    </message>
    <message>
        <source>Evaluate…</source>
        <translation>Bewerten…</translation>
    </message>
    <message>
        <source>Measure perplexity, KL divergence and speed of model files, for the Compare page</source>
        <translation>Perplexität, KL-Divergenz und Geschwindigkeit von Modelldateien messen, für die Vergleichsseite</translation>
    </message>
</context>
<context>
    <name>qd::ui::ConversationListModel</name>
    <message>
        <source>%1
%2
Last message: %3</source>
        <translation>%1
%2
Letzte Nachricht: %3</translation>
    </message>
</context>
<context>
    <name>qd::ui::EvaluateDialog</name>
    <message>
        <source>Evaluate models</source>
        <translation>Modelle bewerten</translation>
    </message>
    <message>
        <source>Measures perplexity, KL divergence from the base and speed on this machine. Results go to the results database and appear on the Compare page as they finish; files measured before with the same settings are not measured again.</source>
        <translation>Misst Perplexität, KL-Divergenz zur Basis und Geschwindigkeit auf diesem Rechner. Die Ergebnisse kommen in die Ergebnisdatenbank und erscheinen auf der Vergleichsseite, sobald sie fertig sind; mit denselben Einstellungen schon gemessene Dateien werden nicht erneut gemessen.</translation>
    </message>
    <message>
        <source>Files to evaluate:</source>
        <translation>Zu bewertende Dateien:</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>The KL divergence is measured against this model: the unquantized one (F16, BF16 or F32) where there is one</source>
        <translation>Die KL-Divergenz wird gegen dieses Modell gemessen: das unquantisierte (F16, BF16 oder F32), wo es eines gibt</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>Basismodell:</translation>
    </message>
    <message>
        <source>Plain text the model has not been trained on; the bundled one is held-out Shakespeare</source>
        <translation>Reiner Text, auf dem das Modell nicht trainiert wurde; der mitgelieferte ist zurückgehaltener Shakespeare</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Evaluation text:</source>
        <translation>Bewertungstext:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>Tokens per chunk, as llama-perplexity&apos;s -c (512 compares with published numbers)</source>
        <translation>Token pro Abschnitt, wie -c von llama-perplexity (512 ist mit veröffentlichten Zahlen vergleichbar)</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source>every chunk</source>
        <translation>alle Abschnitte</translation>
    </message>
    <message>
        <source>At most this many chunks of the text: fewer is faster, with larger error bars</source>
        <translation>Höchstens so viele Abschnitte des Textes: weniger ist schneller, mit größeren Fehlerbalken</translation>
    </message>
    <message>
        <source>Chunks:</source>
        <translation>Abschnitte:</translation>
    </message>
    <message>
        <source>Measure prompt and generation speed</source>
        <translation>Prompt- und Erzeugungsgeschwindigkeit messen</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Bewerten</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>Bewertungstext</translation>
    </message>
    <message>
        <source>Text (*.txt *.md *.raw);;All files (*)</source>
        <translation>Text (*.txt *.md *.raw);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The library has no GGUF file QuantDesk runs: add one on the Models page.</source>
        <translation>Die Bibliothek enthält keine GGUF-Datei, die QuantDesk ausführt: Fügen Sie auf der Modelle-Seite eine hinzu.</translation>
    </message>
    <message>
        <source>%1 is not a variant of the base %2 (another architecture or vocabulary): the KL divergence compares the same model quantized differently.</source>
        <translation>%1 ist keine Variante der Basis %2 (andere Architektur oder anderes Vokabular): Die KL-Divergenz vergleicht dasselbe Modell, unterschiedlich quantisiert.</translation>
    </message>
    <message>
        <source>Tick the files to evaluate.</source>
        <translation>Haken Sie die zu bewertenden Dateien an.</translation>
    </message>
    <message>
        <source>Tick at least one file besides the base: the base is measured as the reference anyway.</source>
        <translation>Haken Sie außer der Basis mindestens eine Datei an: Die Basis wird ohnehin als Referenz gemessen.</translation>
    </message>
    <message>
        <source>The evaluation text %1 does not exist.</source>
        <translation>Der Bewertungstext %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>Alle anhaken</translation>
    </message>
    <message>
        <source>Tick none</source>
        <translation>Keine anhaken</translation>
    </message>
    <message>
        <source>Run every model with layers on a Vulkan GPU: speed (and, slightly, perplexity and KL divergence) is then the GPU&apos;s, kept as a series of its own</source>
        <translation>Jedes Modell mit Schichten auf einer Vulkan-GPU ausführen: Geschwindigkeit (und geringfügig Perplexität und KL-Divergenz) sind dann die der GPU und werden als eigene Reihe geführt</translation>
    </message>
    <message>
        <source>GPU:</source>
        <translation>GPU:</translation>
    </message>
</context>
<context>
    <name>qd::ui::EvaluationsModel</name>
    <message>
        <source>context %1</source>
        <translation>Kontext %1</translation>
    </message>
    <message numerus="yes">
        <source>at most %n chunk(s)</source>
        <translation>
            <numerusform>höchstens %n Abschnitt</numerusform>
            <numerusform>höchstens %n Abschnitte</numerusform>
        </translation>
    </message>
    <message>
        <source>every chunk</source>
        <translation>alle Abschnitte</translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n Thread</numerusform>
            <numerusform>%n Threads</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown base</source>
        <translation>unbekannte Basis</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Mean KL divergence %1 ± %2 nats per token; 99th percentile %3</source>
        <translation>Mittlere KL-Divergenz %1 ± %2 Nats pro Token; 99. Perzentil %3</translation>
    </message>
    <message>
        <source>%1 wins, %2 ties in %3 blind or open rounds on the Chat page</source>
        <translation>%1 Siege, %2 Unentschieden in %3 blinden oder offenen Runden auf der Chat-Seite</translation>
    </message>
    <message>
        <source>%1 (base)</source>
        <translation>%1 (Basis)</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 % of %n round(s)</source>
        <translation>
            <numerusform>%1 % von %n Runde</numerusform>
            <numerusform>%1 % von %n Runden</numerusform>
        </translation>
    </message>
    <message>
        <source>Perplexity change against the base model, in percent of the base&apos;s perplexity</source>
        <translation>Änderung der Perplexität gegenüber dem Basismodell, in Prozent der Perplexität der Basis</translation>
    </message>
    <message>
        <source>Mean KL divergence of the variant&apos;s next-token distribution from the base&apos;s (lower is better)</source>
        <translation>Mittlere KL-Divergenz der Verteilung des nächsten Tokens der Variante von der der Basis (niedriger ist besser)</translation>
    </message>
    <message>
        <source>99th percentile of the per-token KL divergence: how bad the worst tokens get</source>
        <translation>99. Perzentil der KL-Divergenz pro Token: wie schlecht die schlimmsten Token werden</translation>
    </message>
    <message>
        <source>How often the variant&apos;s most likely next token is the base&apos;s</source>
        <translation>Wie oft das wahrscheinlichste nächste Token der Variante das der Basis ist</translation>
    </message>
    <message>
        <source>Prompt processing, tokens per second, measured on this machine</source>
        <translation>Prompt-Verarbeitung, Token pro Sekunde, gemessen auf diesem Rechner</translation>
    </message>
    <message>
        <source>Generation, tokens per second, measured on this machine</source>
        <translation>Erzeugung, Token pro Sekunde, gemessen auf diesem Rechner</translation>
    </message>
    <message>
        <source>How often this file won side-by-side rounds on the Chat page (a tie counts half)</source>
        <translation>Wie oft diese Datei Runden im Nebeneinander der Chat-Seite gewann (ein Unentschieden zählt halb)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Mix</source>
        <translation>Mischung</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bits/Gewicht</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>ΔPPL</source>
        <translation>ΔPPL</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>KL-Divergenz</translation>
    </message>
    <message>
        <source>KLD p99</source>
        <translation>KLD p99</translation>
    </message>
    <message>
        <source>Same top</source>
        <translation>Gleiches Top</translation>
    </message>
    <message>
        <source>Prompt t/s</source>
        <translation>Prompt T/s</translation>
    </message>
    <message>
        <source>Generation t/s</source>
        <translation>Erzeugung T/s</translation>
    </message>
    <message>
        <source>Arena</source>
        <translation>Arena</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>the best GPU</source>
        <translation>der besten GPU</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>every layer on %1</source>
        <translation>alle Schichten auf %1</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) on %1</source>
        <translation>
            <numerusform>%n Schicht auf %1</numerusform>
            <numerusform>%n Schichten auf %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::ui::GpuChoiceWidget</name>
    <message>
        <source>A Vulkan GPU that holds some or all of the model&apos;s layers (Help ▸ This Machine lists them)</source>
        <translation>Eine Vulkan-GPU, die einige oder alle Schichten des Modells hält (Hilfe ▸ Dieser Rechner listet sie auf)</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>Alle Schichten</translation>
    </message>
    <message>
        <source> layers</source>
        <translation> Schichten</translation>
    </message>
    <message>
        <source>How many layers (the last ones, and the output) run on the GPU; the rest stay on the CPU. What does not fit in the GPU&apos;s memory stays on the CPU, and QuantDesk says so.</source>
        <translation>Wie viele Schichten (die letzten und die Ausgabe) auf der GPU laufen; der Rest bleibt auf der CPU. Was nicht in den Speicher der GPU passt, bleibt auf der CPU, und QuantDesk sagt es.</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>GPU-Schichten</translation>
    </message>
    <message>
        <source>None: CPU only</source>
        <translation>Keine: nur CPU</translation>
    </message>
    <message>
        <source>The best GPU</source>
        <translation>Die beste GPU</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <source>The best GPU: %1</source>
        <translation>Die beste GPU: %1</translation>
    </message>
    <message>
        <source>Vulkan %1</source>
        <translation>Vulkan %1</translation>
    </message>
    <message>
        <source>Vulkan %1: %2</source>
        <translation>Vulkan %1: %2</translation>
    </message>
    <message>
        <source>Vulkan %1: a CPU implementation, slower than QuantDesk&apos;s own CPU kernels</source>
        <translation>Vulkan %1: eine CPU-Implementierung, langsamer als QuantDesks eigene CPU-Kernel</translation>
    </message>
    <message>
        <source>No Vulkan device: no driver reports one. Models run on the CPU.</source>
        <translation>Kein Vulkan-Gerät: kein Treiber meldet eines. Modelle laufen auf der CPU.</translation>
    </message>
    <message>
        <source>No GPU offload: %1. Models run on the CPU.</source>
        <translation>Keine Auslagerung auf die GPU: %1. Modelle laufen auf der CPU.</translation>
    </message>
</context>
<context>
    <name>qd::ui::JobRunner</name>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled; nothing was left behind.</source>
        <translation>Abgebrochen; es blieb nichts zurück.</translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation>Vor dem Start abgebrochen.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Not started: &quot;%1&quot; did not finish.</source>
        <translation>Nicht gestartet: „%1“ wurde nicht fertig.</translation>
    </message>
    <message>
        <source>Internal error: the job has no work.</source>
        <translation>Interner Fehler: Der Auftrag hat nichts zu tun.</translation>
    </message>
    <message>
        <source>Out of memory: close other programs or choose a smaller model.</source>
        <translation>Kein Arbeitsspeicher mehr: Schließen Sie andere Programme oder wählen Sie ein kleineres Modell.</translation>
    </message>
    <message>
        <source>Internal error (a bug in QuantDesk); the detail says where.</source>
        <translation>Interner Fehler (ein Fehler in QuantDesk); die Details sagen, wo.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet …</translation>
    </message>
</context>
<context>
    <name>qd::ui::JobsButton</name>
    <message>
        <source>Show the jobs: progress, messages and logs (Ctrl+J)</source>
        <translation>Aufträge anzeigen: Fortschritt, Meldungen und Protokolle (Strg+J)</translation>
    </message>
    <message>
        <source>Jobs: %1 running</source>
        <translation>Aufträge: %1 laufen</translation>
    </message>
    <message>
        <source>Jobs: all done</source>
        <translation>Aufträge: alle fertig</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Jobs: a job failed</source>
        <translation>Aufträge: einer ist fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>qd::ui::JobsModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 · %2 MB/s</source>
        <translation>%1 · %2 MB/s</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Gerade</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Vergangen</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Verbleibend</translation>
    </message>
</context>
<context>
    <name>qd::ui::JobsPanel</name>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Show the job&apos;s log and the full text of any error</source>
        <translation>Protokoll des Auftrags und den vollen Text jedes Fehlers anzeigen</translation>
    </message>
    <message>
        <source>Copy log</source>
        <translation>Protokoll kopieren</translation>
    </message>
    <message>
        <source>Copy the job&apos;s title, state, message and log to the clipboard</source>
        <translation>Titel, Status, Meldung und Protokoll des Auftrags in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the selected job; its unfinished output is removed</source>
        <translation>Den gewählten Auftrag anhalten; seine unfertige Ausgabe wird entfernt</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>Remove finished, failed and cancelled jobs from the list</source>
        <translation>Fertige, fehlgeschlagene und abgebrochene Aufträge aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Run at once:</source>
        <translation>Gleichzeitig:</translation>
    </message>
    <message>
        <source>How many jobs run at the same time. Each uses every core, so 1 is usually fastest in all.</source>
        <translation>Wie viele Aufträge gleichzeitig laufen. Jeder nutzt alle Kerne, daher ist 1 insgesamt meist am schnellsten.</translation>
    </message>
    <message>
        <source>No jobs yet. Quantizing, importing and evaluating run here.</source>
        <translation>Noch keine Aufträge. Quantisieren, Importieren und Bewerten laufen hier.</translation>
    </message>
    <message>
        <source>Select a job to see its message and log.</source>
        <translation>Wählen Sie einen Auftrag, um seine Meldung und sein Protokoll zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Fehlgeschlagen:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Done:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Fertig:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelled:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Abgebrochen:&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::LabCharts</name>
    <message>
        <source>type-0</source>
        <translation>Typ 0</translation>
    </message>
    <message>
        <source>type-1</source>
        <translation>Typ 1</translation>
    </message>
    <message>
        <source>K-style</source>
        <translation>K-Stil</translation>
    </message>
    <message>
        <source>IQ4_NL codebook</source>
        <translation>IQ4_NL-Codebuch</translation>
    </message>
    <message>
        <source>FP4 codebook</source>
        <translation>FP4-Codebuch</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>skalar</translation>
    </message>
    <message>
        <source>row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>K-style in %1, %2-bit codes</source>
        <translation>K-Stil in %1, %2-Bit-Codes</translation>
    </message>
    <message>
        <source>Bayesian optimisation</source>
        <translation>Bayes-Optimierung</translation>
    </message>
    <message>
        <source>random search</source>
        <translation>Zufallssuche</translation>
    </message>
    <message>
        <source>weight-error front</source>
        <translation>Gewichtsfehler-Front</translation>
    </message>
    <message>
        <source>Size against quality (evaluated points)</source>
        <translation>Größe gegen Qualität (bewertete Punkte)</translation>
    </message>
    <message>
        <source>bits per weight</source>
        <translation>Bits pro Gewicht</translation>
    </message>
    <message>
        <source>mean KL divergence</source>
        <translation>mittlere KL-Divergenz</translation>
    </message>
    <message>
        <source>dot product GB/s</source>
        <translation>Skalarprodukt GB/s</translation>
    </message>
    <message>
        <source>Block size against weight error</source>
        <translation>Blockgröße gegen Gewichtsfehler</translation>
    </message>
    <message>
        <source>QK (weights per block)</source>
        <translation>QK (Gewichte pro Block)</translation>
    </message>
    <message>
        <source>weight RMSE</source>
        <translation>Gewichts-RMSE</translation>
    </message>
    <message>
        <source>Block size against dot-product speed</source>
        <translation>Blockgröße gegen Skalarprodukt-Geschwindigkeit</translation>
    </message>
    <message>
        <source>GB/s of weights read</source>
        <translation>GB/s gelesener Gewichte</translation>
    </message>
    <message>
        <source>The search: best so far</source>
        <translation>Die Suche: bestes bisher</translation>
    </message>
    <message>
        <source>quality evaluations</source>
        <translation>Qualitätsbewertungen</translation>
    </message>
    <message>
        <source>best mean KL divergence</source>
        <translation>beste mittlere KL-Divergenz</translation>
    </message>
    <message>
        <source>front</source>
        <translation>Front</translation>
    </message>
    <message>
        <source>recommended</source>
        <translation>empfohlen</translation>
    </message>
    <message>
        <source>budget %1</source>
        <translation>Budget %1</translation>
    </message>
    <message>
        <source>Block size against weight error (%1-bit, F16 scales)</source>
        <translation>Blockgröße gegen Gewichtsfehler (%1 Bit, F16-Skalen)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Block size against dot-product speed (%1-bit)</source>
        <translation>Blockgröße gegen Skalarprodukt-Geschwindigkeit (%1 Bit)</translation>
    </message>
</context>
<context>
    <name>qd::ui::LabPage</name>
    <message>
        <source>The model whose weights the formats are measured on: an unquantized GGUF (F32, F16 or BF16) gives the answer for the original weights; a quantized one (the demo model) is expanded and measured as it is</source>
        <translation>Das Modell, an dessen Gewichten die Formate gemessen werden: ein unquantisiertes GGUF (F32, F16 oder BF16) gibt die Antwort für die ursprünglichen Gewichte; ein quantisiertes (das Demomodell) wird entpackt und so gemessen, wie es ist</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Basismodell</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>Basismodell:</translation>
    </message>
    <message>
        <source>Plain text the KL divergence and perplexity are measured on (held-out text the model was not trained on)</source>
        <translation>Klartext, an dem KL-Divergenz und Perplexität gemessen werden (zurückgehaltener Text, mit dem das Modell nicht trainiert wurde)</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>Bewertungstext</translation>
    </message>
    <message>
        <source>Text files (*.txt *.raw);;All files (*)</source>
        <translation>Textdateien (*.txt *.raw);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Evaluation text:</source>
        <translation>Bewertungstext:</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Tokens per evaluation chunk</source>
        <translation>Tokens pro Bewertungsabschnitt</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>Abschnitte</translation>
    </message>
    <message>
        <source>At most this many chunks of the text per evaluation (all: the whole text)</source>
        <translation>Höchstens so viele Abschnitte des Texts pro Bewertung (alle: der ganze Text)</translation>
    </message>
    <message>
        <source>chunks:</source>
        <translation>Abschnitte:</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source>Bits per weight at most</source>
        <translation>Höchstens Bits pro Gewicht</translation>
    </message>
    <message>
        <source>The question: the lowest KL divergence with at most this many bits per weight</source>
        <translation>Die Frage: die niedrigste KL-Divergenz mit höchstens so vielen Bits pro Gewicht</translation>
    </message>
    <message>
        <source>At most bits/weight:</source>
        <translation>Höchstens Bits/Gewicht:</translation>
    </message>
    <message>
        <source>Evaluations per strategy</source>
        <translation>Bewertungen pro Strategie</translation>
    </message>
    <message>
        <source>Quality evaluations each strategy may spend (a point is evaluated once however many strategies ask for it)</source>
        <translation>Qualitätsbewertungen, die jede Strategie aufwenden darf (ein Punkt wird einmal bewertet, egal wie viele Strategien ihn anfragen)</translation>
    </message>
    <message>
        <source>Evaluations:</source>
        <translation>Bewertungen:</translation>
    </message>
    <message>
        <source>Bayesian</source>
        <translation>Bayes</translation>
    </message>
    <message>
        <source>A Gaussian process over QK, bits and family with expected improvement picks the next point</source>
        <translation>Ein Gaußprozess über QK, Bits und Familie wählt mit dem erwarteten Zugewinn den nächsten Punkt</translation>
    </message>
    <message>
        <source>random</source>
        <translation>zufällig</translation>
    </message>
    <message>
        <source>Baseline: feasible points in random order</source>
        <translation>Vergleich: zulässige Punkte in zufälliger Reihenfolge</translation>
    </message>
    <message>
        <source>weight-error front</source>
        <translation>Gewichtsfehler-Front</translation>
    </message>
    <message>
        <source>Baseline: the points on the (bits per weight, weight error) front first</source>
        <translation>Vergleich: zuerst die Punkte auf der Front (Bits pro Gewicht, Gewichtsfehler)</translation>
    </message>
    <message>
        <source>Strategies:</source>
        <translation>Strategien:</translation>
    </message>
    <message>
        <source>measure dot-product speed per instruction set</source>
        <translation>Skalarprodukt-Geschwindigkeit pro Befehlssatz messen</translation>
    </message>
    <message>
        <source>Formats to measure</source>
        <translation>Zu messende Formate</translation>
    </message>
    <message>
        <source>type-0 (Q4_0-like)</source>
        <translation>Typ 0 (wie Q4_0)</translation>
    </message>
    <message>
        <source>type-1 (Q4_1-like)</source>
        <translation>Typ 1 (wie Q4_1)</translation>
    </message>
    <message>
        <source>K-style (Q4_K-like)</source>
        <translation>K-Stil (wie Q4_K)</translation>
    </message>
    <message>
        <source>IQ4_NL codebook</source>
        <translation>IQ4_NL-Codebuch</translation>
    </message>
    <message>
        <source>FP4 codebook (MXFP4)</source>
        <translation>FP4-Codebuch (MXFP4)</translation>
    </message>
    <message>
        <source>Families:</source>
        <translation>Familien:</translation>
    </message>
    <message>
        <source>whole row</source>
        <translation>ganze Zeile</translation>
    </message>
    <message>
        <source>Bits:</source>
        <translation>Bits:</translation>
    </message>
    <message>
        <source>QK:</source>
        <translation>QK:</translation>
    </message>
    <message>
        <source>F16 scales</source>
        <translation>F16-Skalen</translation>
    </message>
    <message>
        <source>E8M0 power-of-two scales</source>
        <translation>E8M0-Zweierpotenz-Skalen</translation>
    </message>
    <message>
        <source>K-style super-block:</source>
        <translation>K-Stil-Superblock:</translation>
    </message>
    <message>
        <source>K-style super-block</source>
        <translation>K-Stil-Superblock</translation>
    </message>
    <message>
        <source>sub-block scale codes:</source>
        <translation>Skalencodes der Unterblöcke:</translation>
    </message>
    <message>
        <source>%1-bit</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <source>Sub-block scale code bits</source>
        <translation>Bits der Unterblock-Skalencodes</translation>
    </message>
    <message>
        <source>Scales:</source>
        <translation>Skalen:</translation>
    </message>
    <message>
        <source>Run the lab</source>
        <translation>Labor starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Bericht speichern…</translation>
    </message>
    <message>
        <source>The report as PDF (with the charts), HTML or Markdown</source>
        <translation>Der Bericht als PDF (mit den Diagrammen), HTML oder Markdown</translation>
    </message>
    <message>
        <source>Open report folder</source>
        <translation>Berichtsordner öffnen</translation>
    </message>
    <message>
        <source>Run the lab to find the block size with the lowest KL divergence within the size budget.</source>
        <translation>Starten Sie das Labor, um die Blockgröße mit der niedrigsten KL-Divergenz innerhalb des Größenbudgets zu finden.</translation>
    </message>
    <message>
        <source>QK charts at:</source>
        <translation>QK-Diagramme bei:</translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <source>Bits the QK charts show</source>
        <translation>Bits, die die QK-Diagramme zeigen</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Every point</source>
        <translation>Jeder Punkt</translation>
    </message>
    <message>
        <source>Choose a base model.</source>
        <translation>Wählen Sie ein Basismodell.</translation>
    </message>
    <message>
        <source>The base model %1 does not exist.</source>
        <translation>Das Basismodell %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Choose an evaluation text that exists.</source>
        <translation>Wählen Sie einen vorhandenen Bewertungstext.</translation>
    </message>
    <message>
        <source>Tick at least one strategy.</source>
        <translation>Wählen Sie mindestens eine Strategie.</translation>
    </message>
    <message>
        <source>No format to measure: tick a family, a QK and a bit width (K-style needs a QK that divides its super-block).</source>
        <translation>Kein Format zu messen: wählen Sie eine Familie, ein QK und eine Bitbreite (K-Stil braucht ein QK, das seinen Superblock teilt).</translation>
    </message>
    <message>
        <source>Measure every format&apos;s size and weight error, then evaluate the points the strategies choose</source>
        <translation>Größe und Gewichtsfehler jedes Formats messen, dann die Punkte bewerten, die die Strategien wählen</translation>
    </message>
    <message>
        <source>Measuring every format&apos;s size and weight error…</source>
        <translation>Größe und Gewichtsfehler jedes Formats werden gemessen…</translation>
    </message>
    <message>
        <source>Block-size lab on %1</source>
        <translation>Blockgrößen-Labor für %1</translation>
    </message>
    <message>
        <source>The lab stopped: %1</source>
        <translation>Das Labor wurde angehalten: %1</translation>
    </message>
    <message>
        <source>Cancelled; the points measured so far stay on the page.</source>
        <translation>Abgebrochen; die bisher gemessenen Punkte bleiben auf der Seite.</translation>
    </message>
    <message>
        <source>The lab finished, but its report could not be saved: %1</source>
        <translation>Das Labor ist fertig, aber sein Bericht konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Recommended: %1</source>
        <translation>Empfohlen: %1</translation>
    </message>
    <message>
        <source>No evaluated format fits the size budget</source>
        <translation>Kein bewertetes Format passt ins Größenbudget</translation>
    </message>
    <message>
        <source>Evaluating the base model…</source>
        <translation>Das Basismodell wird bewertet…</translation>
    </message>
    <message>
        <source>No evaluated format has at most %1 bits per weight. Raise the budget or the number of evaluations.</source>
        <translation>Kein bewertetes Format hat höchstens %1 Bits pro Gewicht. Erhöhen Sie das Budget oder die Zahl der Bewertungen.</translation>
    </message>
    <message>
        <source>Within one standard error of it, so as good as far as this text can tell: %1.</source>
        <translation>Innerhalb eines Standardfehlers davon, also so gut, wie dieser Text es erkennen lässt: %1.</translation>
    </message>
    <message>
        <source>%1: QK %2</source>
        <translation>%1: QK %2</translation>
    </message>
    <message>
        <source>Best block size per family within the budget: %1.</source>
        <translation>Beste Blockgröße pro Familie innerhalb des Budgets: %1.</translation>
    </message>
    <message>
        <source>The base is %1: the formats were measured against the weights it holds.</source>
        <translation>Die Basis ist %1: die Formate wurden an den Gewichten gemessen, die sie enthält.</translation>
    </message>
    <message>
        <source>Report saved in %1</source>
        <translation>Bericht gespeichert in %1</translation>
    </message>
    <message>
        <source>The lab stopped.</source>
        <translation>Das Labor wurde angehalten.</translation>
    </message>
    <message>
        <source>Cancelled before the end: no recommendation.</source>
        <translation>Vor dem Ende abgebrochen: keine Empfehlung.</translation>
    </message>
    <message>
        <source>The lab did not finish: no recommendation.</source>
        <translation>Das Labor ist nicht fertig geworden: keine Empfehlung.</translation>
    </message>
    <message>
        <source>Run the lab first.</source>
        <translation>Starten Sie zuerst das Labor.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Choose a file name ending in .pdf, .html or .md.</source>
        <translation>Wählen Sie einen Dateinamen, der auf .pdf, .html oder .md endet.</translation>
    </message>
    <message>
        <source>Block-size lab report</source>
        <translation>Bericht des Blockgrößen-Labors</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Save the lab report</source>
        <translation>Laborbericht speichern</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML page (*.html);;Markdown (*.md)</source>
        <translation>PDF (*.pdf);;HTML-Seite (*.html);;Markdown (*.md)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Formats: %1 · quality evaluations: at most %2</source>
        <translation>Formate: %1 · Qualitätsbewertungen: höchstens %2</translation>
    </message>
    <message>
        <source>Every format measured; now evaluating the points the strategies choose on the model…</source>
        <translation>Jedes Format gemessen; jetzt werden die Punkte, die die Strategien wählen, am Modell bewertet…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended: %1&lt;/b&gt; — %2 bits per weight, KL divergence %3 ± %4, perplexity %5 (the base: %6): the lowest divergence evaluated within %7 bits per weight (formats evaluated: %8).</source>
        <translation>&lt;b&gt;Empfohlen: %1&lt;/b&gt; — %2 Bits pro Gewicht, KL-Divergenz %3 ± %4, Perplexität %5 (die Basis: %6): die niedrigste bewertete Divergenz innerhalb von %7 Bits pro Gewicht (bewertete Formate: %8).</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source> GB/s</source>
        <translation> GB/s</translation>
    </message>
    <message>
        <source>Dot-product speed at least</source>
        <translation>Skalarprodukt-Geschwindigkeit mindestens</translation>
    </message>
    <message>
        <source>Optionally also: a dot product at least this fast on this CPU&apos;s fastest instruction set (any: no limit)</source>
        <translation>Optional zusätzlich: ein Skalarprodukt, das auf dem schnellsten Befehlssatz dieser CPU mindestens so schnell ist (beliebig: keine Grenze)</translation>
    </message>
    <message>
        <source>At least speed:</source>
        <translation>Mindestens Geschwindigkeit:</translation>
    </message>
    <message>
        <source>No evaluated format has at most %1 bits per weight and a dot product of at least %2 GB/s. Relax a limit or allow more evaluations.</source>
        <translation>Kein bewertetes Format hat höchstens %1 Bits pro Gewicht und ein Skalarprodukt von mindestens %2 GB/s. Lockern Sie eine Grenze oder erlauben Sie mehr Bewertungen.</translation>
    </message>
    <message>
        <source>Its dot product runs at %1 GB/s here (asked: at least %2).</source>
        <translation>Sein Skalarprodukt läuft hier mit %1 GB/s (verlangt: mindestens %2).</translation>
    </message>
</context>
<context>
    <name>qd::ui::LabPointsModel</name>
    <message>
        <source>The recommendation: the lowest KL divergence evaluated within the size budget</source>
        <translation>Die Empfehlung: die niedrigste bewertete KL-Divergenz innerhalb des Größenbudgets</translation>
    </message>
    <message>
        <source>Within one standard error of the recommendation</source>
        <translation>Innerhalb eines Standardfehlers der Empfehlung</translation>
    </message>
    <message>
        <source>%1 (recommended)</source>
        <translation>%1 (empfohlen)</translation>
    </message>
    <message>
        <source>%1 (within 1 s.e.)</source>
        <translation>%1 (innerhalb 1 SF)</translation>
    </message>
    <message>
        <source>row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 (±%2 %)</source>
        <translation>%1 (±%2 %)</translation>
    </message>
    <message>
        <source>Exact bits per weight of the serialized blocks over the model&apos;s weight matrices (scales, minimums, padding)</source>
        <translation>Exakte Bits pro Gewicht der serialisierten Blöcke über die Gewichtsmatrizen des Modells (Skalen, Minima, Auffüllung)</translation>
    </message>
    <message>
        <source>Root mean square error of every weight after quantizing and dequantizing</source>
        <translation>Mittlerer quadratischer Fehler jedes Gewichts nach Quantisieren und Dequantisieren</translation>
    </message>
    <message>
        <source>99th percentile of the absolute weight error</source>
        <translation>99. Perzentil des absoluten Gewichtsfehlers</translation>
    </message>
    <message>
        <source>Mean KL divergence from the base model on the evaluation text, with its standard error</source>
        <translation>Mittlere KL-Divergenz vom Basismodell auf dem Bewertungstext, mit ihrem Standardfehler</translation>
    </message>
    <message>
        <source>How often the most likely next token is the base model&apos;s</source>
        <translation>Wie oft das wahrscheinlichste nächste Token das des Basismodells ist</translation>
    </message>
    <message>
        <source>The lab&apos;s dot product in this layout: weight bytes read per second, median of repeated runs (± half the spread)</source>
        <translation>Das Skalarprodukt des Labors in diesem Layout: gelesene Gewichtsbytes pro Sekunde, Median wiederholter Läufe (± halbe Streuung)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>QK</source>
        <translation>QK</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>Bits</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bits/Gewicht</translation>
    </message>
    <message>
        <source>Weight RMSE</source>
        <translation>Gewichts-RMSE</translation>
    </message>
    <message>
        <source>Error p99</source>
        <translation>Fehler p99</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>KL-Divergenz</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>Same top</source>
        <translation>Gleiches Top</translation>
    </message>
    <message>
        <source>%1 GB/s</source>
        <translation>%1 GB/s</translation>
    </message>
    <message>
        <source>Scalar</source>
        <translation>Skalar</translation>
    </message>
    <message>
        <source>Weight matrices whose row width the block (or super-block) does not divide: their last block is padded with zeros, and the padding is counted in the bits per weight</source>
        <translation>Gewichtsmatrizen, deren Zeilenbreite der Block (oder Superblock) nicht teilt: ihr letzter Block wird mit Nullen aufgefüllt, und die Auffüllung zählt zu den Bits pro Gewicht</translation>
    </message>
    <message>
        <source>Padded</source>
        <translation>Aufgefüllt</translation>
    </message>
</context>
<context>
    <name>qd::ui::MachineDialog</name>
    <message>
        <source>This Machine</source>
        <translation>Dieser Rechner</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vulkan devices&lt;/b&gt; (for GPU layers in the chat and evaluation settings)</source>
        <translation>&lt;b&gt;Vulkan-Geräte&lt;/b&gt; (für GPU-Schichten in den Chat- und Bewertungseinstellungen)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>QuantDesk uses it</source>
        <translation>Von QuantDesk genutzt</translation>
    </message>
    <message>
        <source>Vulkan devices</source>
        <translation>Vulkan-Geräte</translation>
    </message>
    <message>
        <source>List Again</source>
        <translation>Neu auflisten</translation>
    </message>
    <message>
        <source>Ask the Vulkan drivers again (after installing a driver or plugging in a GPU)</source>
        <translation>Die Vulkan-Treiber erneut fragen (nach der Installation eines Treibers oder dem Einbau einer GPU)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy all of this as text, for a bug report</source>
        <translation>Alles als Text kopieren, für einen Fehlerbericht</translation>
    </message>
    <message>
        <source>%1 installed, %2 free now</source>
        <translation>%1 eingebaut, %2 jetzt frei</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>No: %1</source>
        <translation>Nein: %1</translation>
    </message>
    <message>
        <source>Yes, the best one here</source>
        <translation>Ja, das beste hier</translation>
    </message>
    <message>
        <source>When chosen: a CPU implementation, slower than QuantDesk&apos;s own CPU kernels</source>
        <translation>Wenn gewählt: eine CPU-Implementierung, langsamer als QuantDesks eigene CPU-Kernel</translation>
    </message>
    <message>
        <source>When chosen</source>
        <translation>Wenn gewählt</translation>
    </message>
    <message>
        <source>%1 (Vulkan %2)</source>
        <translation>%1 (Vulkan %2)</translation>
    </message>
    <message>
        <source>Asking the Vulkan drivers…</source>
        <translation>Die Vulkan-Treiber werden gefragt…</translation>
    </message>
    <message>
        <source>No GPU offload: %1. Models run on the CPU.</source>
        <translation>Keine Auslagerung auf die GPU: %1. Modelle laufen auf der CPU.</translation>
    </message>
    <message>
        <source>No Vulkan device: no driver reports one. Models run on the CPU.</source>
        <translation>Kein Vulkan-Gerät: kein Treiber meldet eines. Modelle laufen auf der CPU.</translation>
    </message>
    <message>
        <source>Layers go to the device marked as the best one unless a setting names another.</source>
        <translation>Schichten gehen an das als bestes markierte Gerät, außer eine Einstellung nennt ein anderes.</translation>
    </message>
    <message>
        <source>No GPU here is used unless chosen: the devices listed are CPU implementations or cannot run QuantDesk&apos;s shaders.</source>
        <translation>Keine GPU hier wird ungefragt genutzt: die aufgeführten Geräte sind CPU-Implementierungen oder können QuantDesks Shader nicht ausführen.</translation>
    </message>
    <message>
        <source>CPU: %1</source>
        <translation>CPU: %1</translation>
    </message>
    <message>
        <source>Threads: %1</source>
        <translation>Threads: %1</translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>Speicher: %1</translation>
    </message>
    <message>
        <source>Vulkan device %1</source>
        <translation>Vulkan-Gerät %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::MachineInfo</name>
    <message>
        <source>discrete GPU</source>
        <translation>dedizierte GPU</translation>
    </message>
    <message>
        <source>integrated GPU</source>
        <translation>integrierte GPU</translation>
    </message>
    <message>
        <source>virtual GPU</source>
        <translation>virtuelle GPU</translation>
    </message>
    <message>
        <source>CPU implementation</source>
        <translation>CPU-Implementierung</translation>
    </message>
    <message>
        <source>other device</source>
        <translation>anderes Gerät</translation>
    </message>
    <message>
        <source>the list of GPUs was cancelled</source>
        <translation>die Liste der GPUs wurde abgebrochen</translation>
    </message>
    <message>
        <source>List the GPUs</source>
        <translation>GPUs auflisten</translation>
    </message>
    <message>
        <source>Asking the Vulkan drivers</source>
        <translation>Die Vulkan-Treiber werden gefragt</translation>
    </message>
    <message numerus="yes">
        <source>%n Vulkan device(s) found</source>
        <translation>
            <numerusform>%n Vulkan-Gerät gefunden</numerusform>
            <numerusform>%n Vulkan-Geräte gefunden</numerusform>
        </translation>
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
    <message>
        <source>Import to GGUF</source>
        <translation>Nach GGUF importieren</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>&amp;Quantize…</source>
        <translation>&amp;Quantisieren …</translation>
    </message>
    <message>
        <source>Make smaller versions of a model: choose the methods, see their sizes, run</source>
        <translation>Kleinere Fassungen eines Modells erstellen: Methoden wählen, Größen sehen, starten</translation>
    </message>
    <message>
        <source>Model &amp;Stores</source>
        <translation>Modell&amp;quellen</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (nicht gefunden)</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Aufträge</translation>
    </message>
    <message>
        <source>Quit QuantDesk?</source>
        <translation>QuantDesk beenden?</translation>
    </message>
    <message>
        <source>A job is still running.</source>
        <translation>Ein Auftrag läuft noch.</translation>
    </message>
    <message>
        <source>%1 jobs are still queued or running.</source>
        <translation>%1 Aufträge warten oder laufen noch.</translation>
    </message>
    <message>
        <source>Quitting cancels them and removes their unfinished files; files already finished are kept.</source>
        <translation>Beenden bricht sie ab und entfernt ihre unfertigen Dateien; fertige Dateien bleiben erhalten.</translation>
    </message>
    <message>
        <source>Cancel Jobs and Quit</source>
        <translation>Aufträge abbrechen und beenden</translation>
    </message>
    <message>
        <source>Keep Running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Stopping the jobs before quitting…</source>
        <translation>Die Aufträge werden vor dem Beenden angehalten …</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Talk to a model on QuantDesk&apos;s engine, or put variants side by side (Ctrl+2)</source>
        <translation>Mit einem Modell auf der Engine von QuantDesk sprechen oder Varianten nebeneinander stellen (Strg+2)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Size against quality and speed of every measured variant, and the best one for this machine (Ctrl+%1)</source>
        <translation>Größe gegen Qualität und Geschwindigkeit jeder gemessenen Variante, und die beste für diesen Rechner (Strg+%1)</translation>
    </message>
    <message>
        <source>&amp;Evaluate…</source>
        <translation>&amp;Bewerten…</translation>
    </message>
    <message>
        <source>Measure perplexity, KL divergence and speed of model files, for the Compare page</source>
        <translation>Perplexität, KL-Divergenz und Geschwindigkeit von Modelldateien messen, für die Vergleichsseite</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <source>Which block size (QK) is best for a model on this machine, found by Bayesian optimisation (Ctrl+%1)</source>
        <translation>Welche Blockgröße (QK) für ein Modell auf diesem Rechner die beste ist, gefunden per Bayes-Optimierung (Strg+%1)</translation>
    </message>
    <message>
        <source>This &amp;Machine…</source>
        <translation>Dieser &amp;Rechner…</translation>
    </message>
    <message>
        <source>The CPU, memory and GPUs QuantDesk can use</source>
        <translation>CPU, Speicher und GPUs, die QuantDesk nutzen kann</translation>
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
    <name>qd::ui::MethodsModel</name>
    <message>
        <source>%1 ✓</source>
        <translation>%1 ✓</translation>
    </message>
    <message>
        <source>%1 ✗ too much</source>
        <translation>%1 ✗ zu viel</translation>
    </message>
    <message>
        <source>KLD %1, ΔPPL %2 (this model)</source>
        <translation>KLD %1, ΔPPL %2 (dieses Modell)</translation>
    </message>
    <message>
        <source>ΔPPL +%1 (llama.cpp, Llama-3-8B)</source>
        <translation>ΔPPL +%1 (llama.cpp, Llama-3-8B)</translation>
    </message>
    <message>
        <source>lossless</source>
        <translation>verlustfrei</translation>
    </message>
    <message>
        <source>practically lossless</source>
        <translation>praktisch verlustfrei</translation>
    </message>
    <message>
        <source>no reference figure</source>
        <translation>kein Vergleichswert</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Empfohlen</translation>
    </message>
    <message>
        <source>Low quality: noticeably worse answers</source>
        <translation>Geringe Qualität: merklich schlechtere Antworten</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s) use a fallback type (row width)</source>
        <translation>
            <numerusform>%n Tensor nutzt einen Ersatztyp (Zeilenbreite)</numerusform>
            <numerusform>%n Tensoren nutzen einen Ersatztyp (Zeilenbreite)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 bytes, computed from this model&apos;s tensors and the mix&apos;s rules</source>
        <translation>%1 Bytes, berechnet aus den Tensoren dieses Modells und den Regeln der Methode</translation>
    </message>
    <message>
        <source>The file plus the key/value cache for %1 tokens and working buffers; this computer has %2</source>
        <translation>Die Datei plus der Key/Value-Cache für %1 Token und Arbeitspuffer; dieser Rechner hat %2</translation>
    </message>
    <message>
        <source>Measured on this model by QuantDesk: %1</source>
        <translation>Von QuantDesk an diesem Modell gemessen: %1</translation>
    </message>
    <message>
        <source>Not measured on this model yet. Reference: the perplexity increase llama-quantize lists for this method on Llama-3-8B (llama.cpp, February 2025); smaller is better.</source>
        <translation>An diesem Modell noch nicht gemessen. Vergleichswert: der Perplexitätsanstieg, den llama-quantize für diese Methode bei Llama-3-8B angibt (llama.cpp, Februar 2025); kleiner ist besser.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Dateigröße</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bits/Gewicht</translation>
    </message>
    <message>
        <source>RAM needed</source>
        <translation>RAM-Bedarf</translation>
    </message>
    <message>
        <source>Expected quality</source>
        <translation>Erwartete Qualität</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
</context>
<context>
    <name>qd::ui::MethodsPage</name>
    <message>
        <source>Choose the quantization methods</source>
        <translation>Quantisierungsmethoden wählen</translation>
    </message>
    <message>
        <source>Sizes are exact for this model, computed before anything runs. Tick one or more methods; each becomes its own file.</source>
        <translation>Die Größen gelten genau für dieses Modell und sind vor dem Start berechnet. Haken Sie eine oder mehrere Methoden an; jede wird eine eigene Datei.</translation>
    </message>
    <message>
        <source>Select:</source>
        <translation>Auswahl:</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Empfohlen</translation>
    </message>
    <message>
        <source>Q4_K_M and Q5_K_M: the usual best trade-offs of size and quality</source>
        <translation>Q4_K_M und Q5_K_M: meist der beste Kompromiss aus Größe und Qualität</translation>
    </message>
    <message>
        <source>All K-quants</source>
        <translation>Alle K-Quants</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Context for RAM:</source>
        <translation>Kontext für RAM:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>The RAM column adds the key/value cache for this many tokens of conversation</source>
        <translation>Die RAM-Spalte rechnet den Key/Value-Cache für so viele Token Unterhaltung hinzu</translation>
    </message>
    <message>
        <source>Or pick for me:</source>
        <translation>Oder für mich wählen:</translation>
    </message>
    <message>
        <source>file size at most</source>
        <translation>Dateigröße höchstens</translation>
    </message>
    <message>
        <source>RAM at most</source>
        <translation>RAM höchstens</translation>
    </message>
    <message>
        <source>e.g. 4.5 GB</source>
        <translation>z. B. 4,5 GB</translation>
    </message>
    <message>
        <source>Select the best that fits</source>
        <translation>Die beste passende wählen</translation>
    </message>
    <message>
        <source>Type a size such as 4 GB or 3500 MB.</source>
        <translation>Geben Sie eine Größe ein, etwa 4 GB oder 3500 MB.</translation>
    </message>
    <message>
        <source>Nothing fits in %1; the smallest method needs more.</source>
        <translation>Nichts passt in %1; die kleinste Methode braucht mehr.</translation>
    </message>
    <message>
        <source>%1: the largest that fits, %2 of RAM</source>
        <translation>%1: die größte, die passt, %2 RAM</translation>
    </message>
    <message>
        <source>%1: the largest that fits, %2</source>
        <translation>%1: die größte, die passt, %2</translation>
    </message>
    <message>
        <source>Nothing selected.</source>
        <translation>Nichts ausgewählt.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1 in all</source>
        <translation>
            <numerusform>%n Datei, insgesamt %1</numerusform>
            <numerusform>%n Dateien, insgesamt %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 free in %2</source>
        <translation>%1 frei in %2</translation>
    </message>
    <message>
        <source>: not enough space</source>
        <translation>: nicht genug Platz</translation>
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
    <message>
        <source>A Hugging Face checkpoint folder: %1.

%2</source>
        <translation>Ein Hugging-Face-Checkpoint-Ordner: %1.

%2</translation>
    </message>
    <message>
        <source>Its GGUF metadata and tensors exist once it is imported: right-click the row for Import to GGUF… or Quantize…</source>
        <translation>GGUF-Metadaten und -Tensoren entstehen beim Import: Rechtsklick auf die Zeile für „Nach GGUF importieren …“ oder „Quantisieren …“</translation>
    </message>
    <message>
        <source>QuantDesk cannot import it: %1</source>
        <translation>QuantDesk kann ihn nicht importieren: %1</translation>
    </message>
    <message>
        <source>%1 (%2 bytes) of safetensors</source>
        <translation>%1 (%2 Bytes) Safetensors</translation>
    </message>
    <message>
        <source>After importing it (Import to GGUF… or Quantize…)</source>
        <translation>Nach dem Import („Nach GGUF importieren …“ oder „Quantisieren …“)</translation>
    </message>
    <message>
        <source>None · chat uses %1</source>
        <translation>Keine · Chat nutzt %1</translation>
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
    <message>
        <source>Hugging Face checkpoint · import to run it</source>
        <translation>Hugging-Face-Checkpoint · zum Ausführen importieren</translation>
    </message>
    <message>
        <source>Cannot import: %1</source>
        <translation>Nicht importierbar: %1</translation>
    </message>
    <message>
        <source>A Hugging Face checkpoint (safetensors). Import… or Quantize… turns it into GGUF files QuantDesk and llama.cpp run.</source>
        <translation>Ein Hugging-Face-Checkpoint (Safetensors). Importieren oder Quantisieren macht daraus GGUF-Dateien, die QuantDesk und llama.cpp ausführen.</translation>
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
    <message>
        <source>Quantize…</source>
        <translation>Quantisieren …</translation>
    </message>
    <message>
        <source>Make smaller versions of the selected model: see each method&apos;s size, then run (Ctrl+K)</source>
        <translation>Kleinere Fassungen des gewählten Modells erstellen: Größe jeder Methode sehen, dann starten (Strg+K)</translation>
    </message>
    <message>
        <source>%1, found by QuantDesk (switch it off in File ▸ Model Stores)</source>
        <translation>%1, von QuantDesk gefunden (abschaltbar unter Datei ▸ Modellquellen)</translation>
    </message>
    <message>
        <source>Move to trash?</source>
        <translation>In den Papierkorb verschieben?</translation>
    </message>
    <message>
        <source>Move %1 (%2) to the trash?</source>
        <translation>%1 (%2) in den Papierkorb verschieben?</translation>
    </message>
    <message>
        <source>Not moved</source>
        <translation>Nicht verschoben</translation>
    </message>
    <message>
        <source>%1 could not be moved to the trash (no trash on this drive, or no permission).</source>
        <translation>%1 konnte nicht in den Papierkorb verschoben werden (kein Papierkorb auf diesem Laufwerk oder keine Berechtigung).</translation>
    </message>
    <message>
        <source>Import to GGUF…</source>
        <translation>Nach GGUF importieren …</translation>
    </message>
    <message>
        <source>Move to trash…</source>
        <translation>In den Papierkorb …</translation>
    </message>
    <message>
        <source>Chat with this model</source>
        <translation>Mit diesem Modell chatten</translation>
    </message>
    <message>
        <source>Evaluate…</source>
        <translation>Bewerten…</translation>
    </message>
    <message>
        <source>Measure perplexity, KL divergence and speed of model files, for the Compare page</source>
        <translation>Perplexität, KL-Divergenz und Geschwindigkeit von Modelldateien messen, für die Vergleichsseite</translation>
    </message>
</context>
<context>
    <name>qd::ui::NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>qd::ui::OptionsPage</name>
    <message>
        <source>Where to write, and how</source>
        <translation>Wohin und wie schreiben</translation>
    </message>
    <message>
        <source>Each output is written to a temporary file and renamed when complete, so a failure or a cancel never leaves a half-written model.</source>
        <translation>Jede Ausgabe wird in eine temporäre Datei geschrieben und erst vollständig umbenannt, sodass ein Fehler oder Abbruch nie ein halb geschriebenes Modell hinterlässt.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>{name}: the model&apos;s name, {mix}: the method, {arch}: the architecture, {params}: its size, such as 7B</source>
        <translation>{name}: der Name des Modells, {mix}: die Methode, {arch}: die Architektur, {params}: seine Größe, etwa 7B</translation>
    </message>
    <message>
        <source>File names:</source>
        <translation>Dateinamen:</translation>
    </message>
    <message>
        <source>Stop and tell me</source>
        <translation>Anhalten und Bescheid geben</translation>
    </message>
    <message>
        <source>Replace it</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Keep it; add a number to the new name</source>
        <translation>Behalten; an den neuen Namen eine Nummer anhängen</translation>
    </message>
    <message>
        <source>If a file exists:</source>
        <translation>Wenn eine Datei existiert:</translation>
    </message>
    <message>
        <source>Worker threads for quantizing; the output is the same for any number</source>
        <translation>Arbeitsthreads zum Quantisieren; die Ausgabe ist bei jeder Anzahl gleich</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Advanced: tensor types</source>
        <translation>Erweitert: Tensortypen</translation>
    </message>
    <message>
        <source>Pure: every matrix in the method&apos;s main type (no extra bits for chosen tensors)</source>
        <translation>Rein: jede Matrix im Haupttyp der Methode (keine zusätzlichen Bits für ausgewählte Tensoren)</translation>
    </message>
    <message>
        <source>As the method decides</source>
        <translation>Wie die Methode entscheidet</translation>
    </message>
    <message>
        <source>Output tensor:</source>
        <translation>Ausgabetensor:</translation>
    </message>
    <message>
        <source>Token embeddings:</source>
        <translation>Token-Embeddings:</translation>
    </message>
    <message>
        <source>Per-tensor overrides, one PATTERN=TYPE per line (a regular expression searched in the tensor name, e.g. attn_v=q8_0):</source>
        <translation>Typ je Tensor, eine Zeile MUSTER=TYP (ein regulärer Ausdruck, im Tensornamen gesucht, z. B. attn_v=q8_0):</translation>
    </message>
    <message>
        <source>Preview for:</source>
        <translation>Vorschau für:</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Evaluate after quantizing</source>
        <translation>Nach dem Quantisieren bewerten</translation>
    </message>
    <message>
        <source>Plain text the model has not been trained on; the bundled one is held-out Shakespeare</source>
        <translation>Klartext, auf dem das Modell nicht trainiert wurde; der mitgelieferte ist zurückgehaltener Shakespeare</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source>the whole text</source>
        <translation>der ganze Text</translation>
    </message>
    <message>
        <source>Chunks of the context&apos;s length to score; fewer is faster, more is more precise</source>
        <translation>Abschnitte von Kontextlänge, die bewertet werden; weniger ist schneller, mehr ist genauer</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>Höchstens:</translation>
    </message>
    <message>
        <source>Perplexity and KL divergence against the source (one pass over the text)</source>
        <translation>Perplexität und KL-Divergenz gegenüber der Quelle (ein Durchgang über den Text)</translation>
    </message>
    <message>
        <source>Measures:</source>
        <translation>Misst:</translation>
    </message>
    <message>
        <source>Speed (prompt and generation tokens per second)</source>
        <translation>Geschwindigkeit (Prompt- und Generierungs-Token pro Sekunde)</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>Bewertungstext</translation>
    </message>
    <message>
        <source>Text (*.txt *.md *.raw);;All files (*)</source>
        <translation>Text (*.txt *.md *.raw);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Results go to the results database, so the Models page and later comparisons show them.</source>
        <translation>Die Ergebnisse kommen in die Ergebnisdatenbank, sodass die Modellseite und spätere Vergleiche sie zeigen.</translation>
    </message>
    <message>
        <source>Not available: QuantDesk cannot run this model yet (%1).</source>
        <translation>Nicht verfügbar: QuantDesk kann dieses Modell noch nicht ausführen (%1).</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>existiert</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <source>This folder does not exist.</source>
        <translation>Dieser Ordner existiert nicht.</translation>
    </message>
    <message>
        <source>You cannot write in this folder; choose another.</source>
        <translation>In diesen Ordner können Sie nicht schreiben; wählen Sie einen anderen.</translation>
    </message>
    <message>
        <source>%1 free; the selected outputs need %2</source>
        <translation>%1 frei; die gewählten Ausgaben brauchen %2</translation>
    </message>
    <message>
        <source>%1 with these settings: %2 bytes (%3)</source>
        <translation>%1 mit diesen Einstellungen: %2 Bytes (%3)</translation>
    </message>
    <message>
        <source>instead of %1 without them</source>
        <translation>statt %1 ohne sie</translation>
    </message>
    <message>
        <source>your override</source>
        <translation>Ihre Vorgabe</translation>
    </message>
    <message>
        <source>fallback: its rows do not fit the method&apos;s block size</source>
        <translation>Ersatztyp: seine Zeilen passen nicht zur Blockgröße der Methode</translation>
    </message>
    <message>
        <source>kept as it is</source>
        <translation>unverändert übernommen</translation>
    </message>
    <message>
        <source>the method gives this tensor more bits</source>
        <translation>die Methode gibt diesem Tensor mehr Bits</translation>
    </message>
    <message>
        <source>the method&apos;s main type</source>
        <translation>der Haupttyp der Methode</translation>
    </message>
    <message>
        <source>Two outputs with one name</source>
        <translation>Zwei Ausgaben mit demselben Namen</translation>
    </message>
    <message>
        <source>The file-name template gives two methods the same name (%1). Put {mix} in it.</source>
        <translation>Die Dateinamen-Vorlage gibt zwei Methoden denselben Namen (%1). Fügen Sie {mix} ein.</translation>
    </message>
    <message>
        <source>Output would replace the source</source>
        <translation>Die Ausgabe würde die Quelle ersetzen</translation>
    </message>
    <message>
        <source>%1 is the source itself. Choose another name or folder.</source>
        <translation>%1 ist die Quelle selbst. Wählen Sie einen anderen Namen oder Ordner.</translation>
    </message>
    <message>
        <source>Files exist</source>
        <translation>Dateien existieren</translation>
    </message>
    <message>
        <source>These files exist already: %1. Choose another name, or choose what to do when a file exists.</source>
        <translation>Diese Dateien existieren schon: %1. Wählen Sie einen anderen Namen oder was geschehen soll, wenn eine Datei existiert.</translation>
    </message>
    <message>
        <source>Not enough space</source>
        <translation>Nicht genug Platz</translation>
    </message>
    <message>
        <source>The outputs need %1 but %2 is free. Quantizing will stop with a &quot;disk full&quot; message when it runs out. Start anyway?</source>
        <translation>Die Ausgaben brauchen %1, frei sind aber %2. Das Quantisieren endet mit „Datenträger voll“, wenn der Platz ausgeht. Trotzdem starten?</translation>
    </message>
    <message>
        <source>This folder will be created; %1 free there.</source>
        <translation>Dieser Ordner wird angelegt; dort sind %1 frei.</translation>
    </message>
    <message>
        <source>Cannot create the folder</source>
        <translation>Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1 could not be created.</source>
        <translation>%1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Importance matrix</source>
        <translation>Importance-Matrix</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Compute from a calibration text</source>
        <translation>Aus einem Kalibrierungstext berechnen</translation>
    </message>
    <message>
        <source>Use an imatrix file</source>
        <translation>Eine imatrix-Datei verwenden</translation>
    </message>
    <message>
        <source>Which weights matter most, measured on sample text: the quantizers spend their precision there, which helps most below 4 bits. The same as llama-quantize --imatrix.</source>
        <translation>Welche Gewichte am meisten zählen, gemessen an Beispieltext: die Quantisierer setzen ihre Genauigkeit dort ein, was unter 4 Bit am meisten hilft. Wie llama-quantize --imatrix.</translation>
    </message>
    <message>
        <source>Use:</source>
        <translation>Verwenden:</translation>
    </message>
    <message>
        <source>Text like what the model will see; not the text you evaluate on. The bundled one is a slice of the demo model&apos;s training text.</source>
        <translation>Text wie der, den das Modell sehen wird; nicht der Text, mit dem Sie bewerten. Der mitgelieferte ist ein Ausschnitt aus dem Trainingstext des Demo-Modells.</translation>
    </message>
    <message>
        <source>Tokens per chunk, as llama-imatrix&apos;s -c</source>
        <translation>Token pro Abschnitt, wie -c von llama-imatrix</translation>
    </message>
    <message>
        <source>at most </source>
        <translation>höchstens </translation>
    </message>
    <message>
        <source>Chunks of the text to use (llama-imatrix&apos;s --chunks)</source>
        <translation>Zu verwendende Abschnitte des Texts (--chunks von llama-imatrix)</translation>
    </message>
    <message>
        <source>Calibration text:</source>
        <translation>Kalibrierungstext:</translation>
    </message>
    <message>
        <source>An imatrix file of this model (llama-imatrix&apos;s or QuantDesk&apos;s)</source>
        <translation>Eine imatrix-Datei dieses Modells (von llama-imatrix oder QuantDesk)</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Calibration text</source>
        <translation>Kalibrierungstext</translation>
    </message>
    <message>
        <source>Importance matrices (*.dat *.imatrix);;All files (*)</source>
        <translation>Importance-Matrizen (*.dat *.imatrix);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Quantized as llama-quantize does without --imatrix.</source>
        <translation>Quantisiert wie llama-quantize ohne --imatrix.</translation>
    </message>
    <message>
        <source>Computed once before the variants (a job of its own) and kept, so other runs of this source and text reuse it.</source>
        <translation>Einmal vor den Varianten berechnet (ein eigener Auftrag) und aufbewahrt, sodass weitere Läufe mit dieser Quelle und diesem Text sie wiederverwenden.</translation>
    </message>
    <message>
        <source>Checked against this model&apos;s tensors when you press Start.</source>
        <translation>Wird beim Klick auf Starten mit den Tensoren dieses Modells abgeglichen.</translation>
    </message>
    <message>
        <source>Checked: it fits this model.</source>
        <translation>Geprüft: sie passt zu diesem Modell.</translation>
    </message>
    <message>
        <source>This importance matrix cannot be used</source>
        <translation>Diese Importance-Matrix kann nicht verwendet werden</translation>
    </message>
</context>
<context>
    <name>qd::ui::QualityChart</name>
    <message>
        <source>mean KL divergence</source>
        <translation>mittlere KL-Divergenz</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>perplexity change</source>
        <translation>Perplexitätsänderung</translation>
    </message>
    <message>
        <source>ln(PPL ratio)</source>
        <translation>ln(PPL-Verhältnis)</translation>
    </message>
    <message>
        <source>same-top-token rate</source>
        <translation>Rate gleicher Top-Token</translation>
    </message>
    <message>
        <source>%1 — Pareto front</source>
        <translation>%1 — Pareto-Front</translation>
    </message>
    <message>
        <source>Nothing measured fits in %1 at a context of %2 tokens: the smallest, %3, needs %4. Lower the context or make a smaller variant.</source>
        <translation>Nichts Gemessenes passt bei einem Kontext von %2 Token in %1: Die kleinste, %3, braucht %4. Verringern Sie den Kontext oder erstellen Sie eine kleinere Variante.</translation>
    </message>
    <message numerus="yes">
        <source>None of the %n variant(s) that fit generates %1 tokens/s here; the fastest, %2, makes %3.</source>
        <translation>
            <numerusform>Die %n passende Variante erzeugt hier keine %1 Token/s; die schnellste, %2, schafft %3.</numerusform>
            <numerusform>Keine der %n passenden Varianten erzeugt hier %1 Token/s; die schnellste, %2, schafft %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of the %n variant(s) that fit has a measured speed: evaluate them with speed on to choose by a minimum speed.</source>
        <translation>
            <numerusform>Die %n passende Variante hat keine gemessene Geschwindigkeit: Bewerten Sie sie mit Geschwindigkeit, um nach einer Mindestgeschwindigkeit zu wählen.</numerusform>
            <numerusform>Keine der %n passenden Varianten hat eine gemessene Geschwindigkeit: Bewerten Sie sie mit Geschwindigkeit, um nach einer Mindestgeschwindigkeit zu wählen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing measured yet: choose files on the Models page and click Evaluate…, or evaluate the variants in the quantization wizard.</source>
        <translation>Noch nichts gemessen: Wählen Sie Dateien auf der Modelle-Seite und klicken Sie auf Bewerten…, oder bewerten Sie die Varianten im Quantisierungsassistenten.</translation>
    </message>
    <message>
        <source>No variant has a %1 yet: evaluate them against their unquantized model.</source>
        <translation>Noch keine Variante hat einen Wert für %1: Bewerten Sie sie gegen ihr unquantisiertes Modell.</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Empfohlen</translation>
    </message>
    <message>
        <source>fits in %1 (%2) ▸</source>
        <translation>passt in %1 (%2) ▸</translation>
    </message>
    <message>
        <source>fits in %1 at context %2 ▸</source>
        <translation>passt in %1 bei Kontext %2 ▸</translation>
    </message>
    <message>
        <source>File size (GiB)</source>
        <translation>Dateigröße (GiB)</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits pro Gewicht</translation>
    </message>
    <message>
        <source>Mean KL divergence (nats/token; whisker: 99th percentile)</source>
        <translation>Mittlere KL-Divergenz (Nats/Token; Whisker: 99. Perzentil)</translation>
    </message>
    <message>
        <source>Perplexity (± error)</source>
        <translation>Perplexität (± Fehler)</translation>
    </message>
    <message>
        <source>Perplexity change (% of the base&apos;s)</source>
        <translation>Perplexitätsänderung (% der Basis)</translation>
    </message>
    <message>
        <source>ln(PPL / PPL of the base)</source>
        <translation>ln(PPL / PPL der Basis)</translation>
    </message>
    <message>
        <source>Same top token as the base (%)</source>
        <translation>Gleiches Top-Token wie die Basis (%)</translation>
    </message>
    <message>
        <source>Size %1, %2 bits per weight</source>
        <translation>Größe %1, %2 Bits pro Gewicht</translation>
    </message>
    <message>
        <source>Perplexity %1 ± %2</source>
        <translation>Perplexität %1 ± %2</translation>
    </message>
    <message>
        <source>KL divergence %1 (99th percentile %2)</source>
        <translation>KL-Divergenz %1 (99. Perzentil %2)</translation>
    </message>
    <message>
        <source>Same top token %1 %, ΔPPL %2 %</source>
        <translation>Gleiches Top-Token %1 %, ΔPPL %2 %</translation>
    </message>
    <message numerus="yes">
        <source>%1 tokens/s prompt, %2 tokens/s generation (%n thread(s))</source>
        <translation>
            <numerusform>%1 Token/s Prompt, %2 Token/s Erzeugung (%n Thread)</numerusform>
            <numerusform>%1 Token/s Prompt, %2 Token/s Erzeugung (%n Threads)</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs %1 at a context of %2 tokens</source>
        <translation>Braucht %1 bei einem Kontext von %2 Token</translation>
    </message>
    <message numerus="yes">
        <source>Arena: won %1 % of %n round(s)</source>
        <translation>
            <numerusform>Arena: %1 % von %n Runde gewonnen</numerusform>
            <numerusform>Arena: %1 % von %n Runden gewonnen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Take %1 (%2): %3 %4, the best of the %n variant(s) measured.</source>
        <translation>
            <numerusform>Nehmen Sie %1 (%2): %3 %4, die beste der %n gemessenen Variante.</numerusform>
            <numerusform>Nehmen Sie %1 (%2): %3 %4, die beste der %n gemessenen Varianten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Take %1 (%2): %3 %4, the best of the %n variant(s) that fit in %5 at a context of %6 tokens.</source>
        <translation>
            <numerusform>Nehmen Sie %1 (%2): %3 %4, die beste der %n Variante, die bei einem Kontext von %6 Token in %5 passt.</numerusform>
            <numerusform>Nehmen Sie %1 (%2): %3 %4, die beste der %n Varianten, die bei einem Kontext von %6 Token in %5 passen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Take %1 (%2): %3 %4, the best of the %n variant(s) that fit in %5 at a context of %6 tokens and generate at least %7 tokens/s.</source>
        <translation>
            <numerusform>Nehmen Sie %1 (%2): %3 %4, die beste der %n Variante, die bei einem Kontext von %6 Token in %5 passt und mindestens %7 Token/s erzeugt.</numerusform>
            <numerusform>Nehmen Sie %1 (%2): %3 %4, die beste der %n Varianten, die bei einem Kontext von %6 Token in %5 passen und mindestens %7 Token/s erzeugen.</numerusform>
        </translation>
    </message>
    <message>
        <source>File size (MiB)</source>
        <translation>Dateigröße (MiB)</translation>
    </message>
    <message>
        <source>Its perplexity is within the error (±%1) of the base&apos;s, as close variants&apos; are: the KL divergence tells them apart.</source>
        <translation>Ihre Perplexität liegt innerhalb des Fehlers (±%1) der Basis, wie bei nahen Varianten üblich: Die KL-Divergenz unterscheidet sie.</translation>
    </message>
</context>
<context>
    <name>qd::ui::QuantizeJobs</name>
    <message numerus="yes">
        <source>Measured %n variant(s); the results are in the results database.</source>
        <translation>
            <numerusform>%n Variante gemessen; die Ergebnisse stehen in der Ergebnisdatenbank.</numerusform>
            <numerusform>%n Varianten gemessen; die Ergebnisse stehen in der Ergebnisdatenbank.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::ui::QuantizeWizard</name>
    <message>
        <source>Quantize a model</source>
        <translation>Ein Modell quantisieren</translation>
    </message>
</context>
<context>
    <name>qd::ui::RunPage</name>
    <message>
        <source>Quantizing</source>
        <translation>Quantisieren</translation>
    </message>
    <message>
        <source>You can close this window: the jobs keep running, and the Jobs button in the status bar shows them.</source>
        <translation>Sie können dieses Fenster schließen: Die Aufträge laufen weiter, die Schaltfläche „Aufträge“ in der Statusleiste zeigt sie.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Overall&lt;/b&gt;</source>
        <translation>&lt;b&gt;Gesamt&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Open the Jobs panel (logs)</source>
        <translation>Auftragsliste öffnen (Protokolle)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop this job; its unfinished file is removed, the others go on</source>
        <translation>Diesen Auftrag anhalten; seine unfertige Datei wird entfernt, die anderen laufen weiter</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>, %1 MB/s</source>
        <translation>, %1 MB/s</translation>
    </message>
    <message>
        <source>%1: %2%3, %4 elapsed</source>
        <translation>%1: %2%3, %4 vergangen</translation>
    </message>
    <message>
        <source>All jobs have ended. Next shows the results.</source>
        <translation>Alle Aufträge sind beendet. „Weiter“ zeigt die Ergebnisse.</translation>
    </message>
</context>
<context>
    <name>qd::ui::SaveFile</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>qd::ui::SourcePage</name>
    <message>
        <source>Choose the model to quantize</source>
        <translation>Das zu quantisierende Modell wählen</translation>
    </message>
    <message>
        <source>A GGUF file, a Hugging Face model folder (safetensors + config.json + tokenizer) or a llama2.c checkpoint. Folders and checkpoints are imported to F16 first.</source>
        <translation>Eine GGUF-Datei, ein Hugging-Face-Modellordner (Safetensors + config.json + Tokenizer) oder ein llama2.c-Checkpoint. Ordner und Checkpoints werden zuerst nach F16 importiert.</translation>
    </message>
    <message>
        <source>From the library:</source>
        <translation>Aus der Bibliothek:</translation>
    </message>
    <message>
        <source>Or a path:</source>
        <translation>Oder ein Pfad:</translation>
    </message>
    <message>
        <source>Path of a .gguf file, a model folder or a llama2.c .bin</source>
        <translation>Pfad einer .gguf-Datei, eines Modellordners oder einer llama2.c-.bin</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Datei …</translation>
    </message>
    <message>
        <source>Choose a GGUF file or a llama2.c checkpoint</source>
        <translation>Eine GGUF-Datei oder einen llama2.c-Checkpoint wählen</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <source>Choose a Hugging Face model folder</source>
        <translation>Einen Hugging-Face-Modellordner wählen</translation>
    </message>
    <message>
        <source>Quantize it anyway: I understand the results are worse than quantizing the original F16/BF16/F32 model</source>
        <translation>Trotzdem quantisieren: Mir ist klar, dass das Ergebnis schlechter ist als vom ursprünglichen F16/BF16/F32-Modell</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>Eine Modelldatei wählen</translation>
    </message>
    <message>
        <source>Models (*.gguf *.bin);;All files (*)</source>
        <translation>Modelle (*.gguf *.bin);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>Choose one of your %n model(s)…</source>
        <translation>
            <numerusform>Ihr %n Modell wählen …</numerusform>
            <numerusform>Eines Ihrer %n Modelle wählen …</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;i&gt;Reading %1…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Lese %1 …&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Choose a model with the buttons above, or start the wizard from a row of the Models page.</source>
        <translation>Wählen Sie ein Modell mit den Schaltflächen oben oder starten Sie den Assistenten aus einer Zeile der Modellseite.</translation>
    </message>
    <message>
        <source>This source cannot be quantized.</source>
        <translation>Diese Quelle kann nicht quantisiert werden.</translation>
    </message>
    <message>
        <source>GGUF file (%1)</source>
        <translation>GGUF-Datei (%1)</translation>
    </message>
    <message>
        <source>Hugging Face checkpoint; imported to F16 first</source>
        <translation>Hugging-Face-Checkpoint; wird zuerst nach F16 importiert</translation>
    </message>
    <message>
        <source>llama2.c checkpoint; imported to F16 first</source>
        <translation>llama2.c-Checkpoint; wird zuerst nach F16 importiert</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
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
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Measured before</source>
        <translation>Bereits gemessen</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) in the results database</source>
        <translation>
            <numerusform>%n Variante in der Ergebnisdatenbank</numerusform>
            <numerusform>%n Varianten in der Ergebnisdatenbank</numerusform>
        </translation>
    </message>
    <message>
        <source>QuantDesk can quantize this model but cannot run it yet (%1), so the outputs will not be evaluated.</source>
        <translation>QuantDesk kann dieses Modell quantisieren, aber noch nicht ausführen (%1); die Ausgaben werden daher nicht bewertet.</translation>
    </message>
    <message>
        <source>This model is already quantized (%1).</source>
        <translation>Dieses Modell ist bereits quantisiert (%1).</translation>
    </message>
    <message>
        <source>Quantizing it again adds the errors of both steps. Use the original F16/BF16 model if you have it; to go on anyway, tick the box below.</source>
        <translation>Erneutes Quantisieren addiert die Fehler beider Schritte. Nehmen Sie das ursprüngliche F16/BF16-Modell, wenn Sie es haben; um trotzdem fortzufahren, haken Sie das Kästchen unten an.</translation>
    </message>
    <message>
        <source>Apply delta weights:</source>
        <translation>Delta-Gewichte anwenden:</translation>
    </message>
    <message>
        <source>For fine-tunes published as the difference from a base model (Chimera, Vicuna v0): choose the base model&apos;s folder above and the delta&apos;s folder here.</source>
        <translation>Für Feinabstimmungen, die als Differenz zu einem Basismodell veröffentlicht sind (Chimera, Vicuna v0): oben den Ordner des Basismodells wählen, hier den Ordner des Deltas.</translation>
    </message>
    <message>
        <source>Folder of the delta weights</source>
        <translation>Ordner der Delta-Gewichte</translation>
    </message>
    <message>
        <source>Delta folder…</source>
        <translation>Delta-Ordner…</translation>
    </message>
    <message>
        <source>Choose the folder of the delta weights</source>
        <translation>Ordner der Delta-Gewichte wählen</translation>
    </message>
    <message>
        <source>Hugging Face base model plus delta weights from %1; imported to F16 first</source>
        <translation>Hugging-Face-Basismodell plus Delta-Gewichte aus %1; wird zuerst nach F16 importiert</translation>
    </message>
</context>
<context>
    <name>qd::ui::SpeedChart</name>
    <message>
        <source>Prompt (left axis)</source>
        <translation>Prompt (linke Achse)</translation>
    </message>
    <message>
        <source>Generation (right axis)</source>
        <translation>Erzeugung (rechte Achse)</translation>
    </message>
    <message>
        <source>Prompt tokens/s</source>
        <translation>Prompt-Token/s</translation>
    </message>
    <message>
        <source>Generation tokens/s</source>
        <translation>Erzeugte Token/s</translation>
    </message>
    <message>
        <source>No speed measured yet</source>
        <translation>Noch keine Geschwindigkeit gemessen</translation>
    </message>
    <message numerus="yes">
        <source>Measured on this machine with %n thread(s)</source>
        <translation>
            <numerusform>Gemessen auf diesem Rechner mit %n Thread</numerusform>
            <numerusform>Gemessen auf diesem Rechner mit %n Threads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::ui::SummaryPage</name>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Each output&apos;s size against the prediction, how long it took, and what the evaluation measured. The measurements are kept in the results database.</source>
        <translation>Größe jeder Ausgabe gegenüber der Vorhersage, die Dauer und was die Bewertung gemessen hat. Die Messwerte bleiben in der Ergebnisdatenbank.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Tatsächlich</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>KLD</source>
        <translation>KLD</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Token/s</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Show in Models page</source>
        <translation>Auf der Modellseite zeigen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>%1 bytes (predicted %2)</source>
        <translation>%1 Bytes (vorhergesagt %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) written.</source>
        <translation>
            <numerusform>%n Datei geschrieben.</numerusform>
            <numerusform>%n Dateien geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>The source&apos;s perplexity on the same text: %1.</source>
        <translation>Perplexität der Quelle auf demselben Text: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n did not finish; the Result column says why.</source>
        <translation>
            <numerusform>%n wurde nicht fertig; die Spalte „Ergebnis“ sagt, warum.</numerusform>
            <numerusform>%n wurden nicht fertig; die Spalte „Ergebnis“ sagt, warum.</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluation: %1</source>
        <translation>Bewertung: %1</translation>
    </message>
    <message>
        <source>Chat with…</source>
        <translation>Chatten mit…</translation>
    </message>
    <message>
        <source>Open the selected output in the Chat page</source>
        <translation>Die gewählte Ausgabe auf der Chat-Seite öffnen</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Send the same messages to every finished output in the Chat page and compare the answers</source>
        <translation>Dieselben Nachrichten auf der Chat-Seite an jede fertige Ausgabe senden und die Antworten vergleichen</translation>
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
