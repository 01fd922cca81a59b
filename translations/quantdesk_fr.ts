<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>main</name>
    <message>
        <source>Browse, quantize, chat with and compare local language models.</source>
        <translation>Parcourir, quantifier et comparer des modèles de langage locaux, et discuter avec eux.</translation>
    </message>
    <message>
        <source>A GGUF file or a folder of them to add to the library and show.</source>
        <translation>Un fichier GGUF, ou un dossier qui en contient, à ajouter à la bibliothèque et à afficher.</translation>
    </message>
    <message>
        <source>Keep the settings in this INI file instead of the user&apos;s settings.</source>
        <translation>Enregistrer les réglages dans ce fichier INI plutôt que dans ceux de l&apos;utilisateur.</translation>
    </message>
    <message>
        <source>quantdesk: no such file or folder: %1</source>
        <translation>quantdesk&#xa0;: fichier ou dossier introuvable&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::MainWindow</name>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Your GGUF model files: size, quantization, memory, metadata and tensors (Ctrl+1)</source>
        <translation>Vos fichiers de modèles GGUF&#xa0;: taille, quantification, mémoire, métadonnées et tenseurs (Ctrl+1)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Add Folder…</source>
        <translation>&amp;Ajouter un dossier…</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>&amp;Ouvrir un fichier…</translation>
    </message>
    <message>
        <source>&amp;Rescan Library</source>
        <translation>&amp;Réanalyser la bibliothèque</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Filter Models</source>
        <translation>F&amp;iltrer les modèles</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About QuantDesk</source>
        <translation>À &amp;propos de QuantDesk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Stop the scan</source>
        <translation>Arrêter l&apos;analyse</translation>
    </message>
    <message>
        <source>RAM %1</source>
        <translation>RAM %1</translation>
    </message>
    <message>
        <source>Physical memory of this computer, which the &quot;Fits in RAM&quot; column compares against</source>
        <translation>Mémoire physique de cet ordinateur, à laquelle la colonne «&#xa0;Tient en RAM&#xa0;» se compare</translation>
    </message>
    <message>
        <source>Looking for GGUF files…</source>
        <translation>Recherche des fichiers GGUF…</translation>
    </message>
    <message>
        <source>Reading %1 of %2…</source>
        <translation>Lecture de %1 sur %2…</translation>
    </message>
    <message>
        <source>Reading %1 of %2: %3</source>
        <translation>Lecture de %1 sur %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Scan stopped.</source>
        <translation>Analyse arrêtée.</translation>
    </message>
    <message>
        <source>Scan finished.</source>
        <translation>Analyse terminée.</translation>
    </message>
    <message>
        <source>1 model in the library</source>
        <translation>1 modèle dans la bibliothèque</translation>
    </message>
    <message>
        <source>%1 models in the library</source>
        <translation>%1 modèles dans la bibliothèque</translation>
    </message>
    <message>
        <source>, 1 file could not be read</source>
        <translation>, 1 fichier illisible</translation>
    </message>
    <message>
        <source>, %1 files could not be read</source>
        <translation>, %1 fichiers illisibles</translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>Introuvable&#xa0;: %1</translation>
    </message>
    <message>
        <source>About QuantDesk</source>
        <translation>À propos de QuantDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;QuantDesk %1&lt;/h3&gt;&lt;p&gt;Browse, quantize, chat with and compare local language models.&lt;/p&gt;&lt;p&gt;Reads and writes GGUF files the way llama.cpp does; runs models on its own CPU engine.&lt;/p&gt;&lt;p&gt;&lt;small&gt;Built with Qt %2 (running on Qt %3).&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuantDesk %1&lt;/h3&gt;&lt;p&gt;Parcourir, quantifier et comparer des modèles de langage locaux, et discuter avec eux.&lt;/p&gt;&lt;p&gt;Lit et écrit les fichiers GGUF comme llama.cpp&#xa0;; exécute les modèles avec son propre moteur CPU.&lt;/p&gt;&lt;p&gt;&lt;small&gt;Compilé avec Qt %2 (exécuté avec Qt %3).&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>qd::ui::MetadataTableModel</name>
    <message>
        <source>array of %1 (%2)</source>
        <translation>tableau de %1 (%2)</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Double-click or press Enter to see the whole value.</source>
        <translation>Double-cliquez ou appuyez sur Entrée pour voir la valeur entière.</translation>
    </message>
</context>
<context>
    <name>qd::ui::ModelDetailsPanel</name>
    <message>
        <source>Select a model above to see its metadata and tensors.</source>
        <translation>Choisissez un modèle ci-dessus pour voir ses métadonnées et ses tenseurs.</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Architecture&#xa0;:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Paramètres&#xa0;:</translation>
    </message>
    <message>
        <source>File type:</source>
        <translation>Type de fichier&#xa0;:</translation>
    </message>
    <message>
        <source>Tensors:</source>
        <translation>Tenseurs&#xa0;:</translation>
    </message>
    <message>
        <source>File size:</source>
        <translation>Taille du fichier&#xa0;:</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Contexte&#xa0;:</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>Forme&#xa0;:</translation>
    </message>
    <message>
        <source>Attention:</source>
        <translation>Attention&#xa0;:</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>Vocabulaire&#xa0;:</translation>
    </message>
    <message>
        <source>Chat template:</source>
        <translation>Modèle de chat&#xa0;:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire&#xa0;:</translation>
    </message>
    <message>
        <source>Runs here:</source>
        <translation>Fonctionne ici&#xa0;:</translation>
    </message>
    <message>
        <source>Filter keys</source>
        <translation>Filtrer les clés</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <source>Filter by name or type</source>
        <translation>Filtrer par nom ou type</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>Tenseurs</translation>
    </message>
    <message>
        <source>This file could not be read, so it has no metadata or tensors to show.</source>
        <translation>Ce fichier n&apos;a pas pu être lu&#xa0;; il n&apos;y a donc ni métadonnées ni tenseurs à afficher.</translation>
    </message>
    <message>
        <source>QuantDesk could not read this file: %1</source>
        <translation>QuantDesk n&apos;a pas pu lire ce fichier&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (guessed from the tensors)</source>
        <translation>%1 (déduit des tenseurs)</translation>
    </message>
    <message>
        <source>%1 · %2 bits per weight</source>
        <translation>%1 · %2 bits par poids</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 (%2 bytes) · GGUF version %3</source>
        <translation>%1 (%2 octets) · GGUF version %3</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 jetons</translation>
    </message>
    <message>
        <source>%1 layers</source>
        <translation>%1 couches</translation>
    </message>
    <message>
        <source>width %1</source>
        <translation>largeur %1</translation>
    </message>
    <message>
        <source>feed-forward %1</source>
        <translation>feed-forward %1</translation>
    </message>
    <message>
        <source>%1 heads, %2 key/value heads</source>
        <translation>%1 têtes, %2 têtes clé/valeur</translation>
    </message>
    <message>
        <source>%1 tokenizer</source>
        <translation>tokeniseur %1</translation>
    </message>
    <message>
        <source>%1 tokenizer, pre-tokenizer %2</source>
        <translation>tokeniseur %1, pré-tokeniseur %2</translation>
    </message>
    <message>
        <source>Yes · &lt;a href=&quot;template&quot;&gt;show&lt;/a&gt;</source>
        <translation>Oui · &lt;a href=&quot;template&quot;&gt;afficher&lt;/a&gt;</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>fits in RAM</source>
        <translation>tient en RAM</translation>
    </message>
    <message>
        <source>tight in RAM</source>
        <translation>juste en RAM</translation>
    </message>
    <message>
        <source>does not fit in RAM</source>
        <translation>ne tient pas en RAM</translation>
    </message>
    <message>
        <source>RAM unknown</source>
        <translation>RAM inconnue</translation>
    </message>
    <message>
        <source>%1 at %2 tokens (weights %3 + KV cache %4) · %5</source>
        <translation>%1 à %2 jetons (poids %3 + cache KV %4) · %5</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>sur %1</translation>
    </message>
    <message>
        <source>weights %1</source>
        <translation>poids %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No: %1</source>
        <translation>Non&#xa0;: %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>Could not read the file again: %1</source>
        <translation>Impossible de relire le fichier&#xa0;: %1</translation>
    </message>
    <message>
        <source>Metadata (%1)</source>
        <translation>Métadonnées (%1)</translation>
    </message>
    <message>
        <source>Tensors (%1)</source>
        <translation>Tenseurs (%1)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>Modèle de chat</translation>
    </message>
</context>
<context>
    <name>qd::ui::ModelListModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architecture</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bits/poids</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Fits in RAM</source>
        <translation>Tient en RAM</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Number of weights in all tensors</source>
        <translation>Nombre de poids dans tous les tenseurs</translation>
    </message>
    <message>
        <source>The quantization mix (llama.cpp file type) the file was written with</source>
        <translation>Le mélange de quantification (type de fichier llama.cpp) avec lequel le fichier a été écrit</translation>
    </message>
    <message>
        <source>Average bits per weight over all tensors</source>
        <translation>Bits par poids en moyenne sur tous les tenseurs</translation>
    </message>
    <message>
        <source>Size of the file on disk</source>
        <translation>Taille du fichier sur le disque</translation>
    </message>
    <message>
        <source>Context length the model was trained for, in tokens</source>
        <translation>Longueur de contexte pour laquelle le modèle a été entraîné, en jetons</translation>
    </message>
    <message>
        <source>Number of transformer blocks</source>
        <translation>Nombre de blocs transformer</translation>
    </message>
    <message>
        <source>Whether weights plus the KV cache at the model&apos;s full context fit in this computer&apos;s RAM</source>
        <translation>Si les poids et le cache KV au contexte complet du modèle tiennent dans la RAM de cet ordinateur</translation>
    </message>
    <message>
        <source>Whether QuantDesk can run the model, and why not</source>
        <translation>Si QuantDesk peut exécuter le modèle, et sinon pourquoi</translation>
    </message>
    <message>
        <source>Unreadable: %1</source>
        <translation>Illisible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>Non exécutable&#xa0;: %1</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Fonctionne</translation>
    </message>
    <message>
        <source>Yes · %1</source>
        <translation>Oui · %1</translation>
    </message>
    <message>
        <source>Tight · %1</source>
        <translation>Juste · %1</translation>
    </message>
    <message>
        <source>No · %1</source>
        <translation>Non · %1</translation>
    </message>
    <message>
        <source>Running this model at its full context of %1 tokens needs about %2:
weights %3 + KV cache %4 (16-bit keys and values).</source>
        <translation>Exécuter ce modèle à son contexte complet de %1 jetons demande environ %2&#xa0;:
poids %3 + cache KV %4 (clés et valeurs sur 16 bits).</translation>
    </message>
    <message>
        <source>This computer&apos;s RAM is unknown.</source>
        <translation>La RAM de cet ordinateur est inconnue.</translation>
    </message>
    <message>
        <source>This computer has %1 of RAM.</source>
        <translation>Cet ordinateur a %1 de RAM.</translation>
    </message>
    <message>
        <source>Yes: up to %1% of RAM. Tight: up to %2%; other programs may be paged out. No: more.</source>
        <translation>Oui&#xa0;: jusqu&apos;à %1&#xa0;% de la RAM. Juste&#xa0;: jusqu&apos;à %2&#xa0;%&#xa0;; d&apos;autres programmes risquent d&apos;être mis en swap. Non&#xa0;: au-delà.</translation>
    </message>
    <message>
        <source>QuantDesk could not read this file:
%1</source>
        <translation>QuantDesk n&apos;a pas pu lire ce fichier&#xa0;:
%1</translation>
    </message>
    <message>
        <source>Tensors by type: %1</source>
        <translation>Tenseurs par type&#xa0;: %1</translation>
    </message>
    <message>
        <source>The file does not name its type; guessed from its largest tensors.</source>
        <translation>Le fichier ne donne pas son type&#xa0;; il est déduit de ses plus grands tenseurs.</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <source>QuantDesk can run every tensor type in this file.</source>
        <translation>QuantDesk sait exécuter tous les types de tenseurs de ce fichier.</translation>
    </message>
</context>
<context>
    <name>qd::ui::ModelsPage</name>
    <message>
        <source>1 model</source>
        <translation>1 modèle</translation>
    </message>
    <message>
        <source>%1 models</source>
        <translation>%1 modèles</translation>
    </message>
    <message>
        <source>Your model library is empty</source>
        <translation>Votre bibliothèque de modèles est vide</translation>
    </message>
    <message>
        <source>Add a folder that holds GGUF model files (*.gguf). QuantDesk searches its subfolders too,
lists every model with its size, quantization and memory needs, and remembers the folder.</source>
        <translation>Ajoutez un dossier contenant des fichiers de modèles GGUF (*.gguf). QuantDesk parcourt aussi ses sous-dossiers,
liste chaque modèle avec sa taille, sa quantification et ses besoins en mémoire, et retient le dossier.</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <source>Open a single file…</source>
        <translation>Ouvrir un seul fichier…</translation>
    </message>
    <message>
        <source>Add a folder with GGUF files to the library (Ctrl+Shift+O)</source>
        <translation>Ajouter à la bibliothèque un dossier de fichiers GGUF (Ctrl+Maj+O)</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>Ouvrir un fichier…</translation>
    </message>
    <message>
        <source>Add a single GGUF file to the library (Ctrl+O)</source>
        <translation>Ajouter un seul fichier GGUF à la bibliothèque (Ctrl+O)</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Réanalyser</translation>
    </message>
    <message>
        <source>Look for new, changed and deleted files in the library (F5)</source>
        <translation>Chercher les fichiers nouveaux, modifiés et supprimés de la bibliothèque (F5)</translation>
    </message>
    <message>
        <source>Filter by name, file, architecture or type</source>
        <translation>Filtrer par nom, fichier, architecture ou type</translation>
    </message>
    <message>
        <source>Every word must match (Ctrl+F)</source>
        <translation>Chaque mot doit correspondre (Ctrl+F)</translation>
    </message>
    <message>
        <source>Show one file type only</source>
        <translation>Afficher un seul type de fichier</translation>
    </message>
    <message>
        <source>Show the models of one library folder only</source>
        <translation>Afficher seulement les modèles d&apos;un dossier de la bibliothèque</translation>
    </message>
    <message>
        <source>Remove the chosen folder from the library (its files stay on disk)</source>
        <translation>Retirer le dossier choisi de la bibliothèque (ses fichiers restent sur le disque)</translation>
    </message>
    <message>
        <source>Add a folder with GGUF models</source>
        <translation>Ajouter un dossier de modèles GGUF</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Ouvrir un modèle GGUF</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Modèles GGUF (*.gguf);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>All folders</source>
        <translation>Tous les dossiers</translation>
    </message>
    <message>
        <source>Every model in the library</source>
        <translation>Tous les modèles de la bibliothèque</translation>
    </message>
    <message>
        <source>Not found: the folder was moved, deleted or is on a drive that is not connected.</source>
        <translation>Introuvable&#xa0;: le dossier a été déplacé, supprimé, ou se trouve sur un disque non connecté.</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Unreadable files</source>
        <translation>Fichiers illisibles</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Looking for GGUF files…</source>
        <translation>Recherche des fichiers GGUF…</translation>
    </message>
    <message>
        <source>No GGUF files found in the library folders.
Add another folder, or put .gguf files in one and rescan.</source>
        <translation>Aucun fichier GGUF dans les dossiers de la bibliothèque.
Ajoutez un autre dossier, ou placez-y des fichiers .gguf et réanalysez.</translation>
    </message>
    <message>
        <source>No model matches the filter.</source>
        <translation>Aucun modèle ne correspond au filtre.</translation>
    </message>
    <message>
        <source>Show in file manager</source>
        <translation>Afficher dans le gestionnaire de fichiers</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copier le chemin</translation>
    </message>
    <message>
        <source>Remove from library</source>
        <translation>Retirer de la bibliothèque</translation>
    </message>
</context>
<context>
    <name>qd::ui::TensorTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Octets</translation>
    </message>
    <message>
        <source>Dimensions in ggml order: the row length comes first</source>
        <translation>Dimensions dans l&apos;ordre de ggml&#xa0;: la longueur de ligne d&apos;abord</translation>
    </message>
    <message>
        <source>%1
at byte %2 of the file</source>
        <translation>%1
à l&apos;octet %2 du fichier</translation>
    </message>
</context>
<context>
    <name>qd::ui::ValueDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
</context>
</TS>
