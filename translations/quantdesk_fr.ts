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
    <message>
        <source>Conversations are not saved this time: %1</source>
        <translation>Les conversations ne sont pas enregistrées cette fois : %1</translation>
    </message>
</context>
<context>
    <name>qd::ui</name>
    <message>
        <source>Hugging Face cache</source>
        <translation>Cache Hugging Face</translation>
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
        <translation>Cache llama.cpp</translation>
    </message>
    <message>
        <source>Disk full: %1 free in %2, %3 needed. Free some space or choose another output folder.</source>
        <translation>Disque plein : %1 libres dans %2, %3 nécessaires. Libérez de la place ou choisissez un autre dossier de sortie.</translation>
    </message>
    <message>
        <source>Disk full. Free some space or choose another output folder.</source>
        <translation>Disque plein. Libérez de la place ou choisissez un autre dossier de sortie.</translation>
    </message>
    <message>
        <source>Could not read or write a file: %1. Check that the folder exists and that you may write there.</source>
        <translation>Impossible de lire ou d’écrire un fichier : %1. Vérifiez que le dossier existe et que vous pouvez y écrire.</translation>
    </message>
    <message>
        <source>Not enough memory: %1. Close other programs, or choose a smaller context.</source>
        <translation>Mémoire insuffisante : %1. Fermez d’autres programmes ou choisissez un contexte plus petit.</translation>
    </message>
    <message>
        <source>QuantDesk cannot do this yet: %1</source>
        <translation>QuantDesk ne sait pas encore faire ceci : %1</translation>
    </message>
    <message>
        <source>Internal error (a bug in QuantDesk; please report it with the log): %1</source>
        <translation>Erreur interne (un bogue de QuantDesk ; signalez-le avec le journal) : %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Import %1 to F16</source>
        <translation>Importer %1 en F16</translation>
    </message>
    <message>
        <source>Importing %1 into %2</source>
        <translation>Import de %1 vers %2</translation>
    </message>
    <message>
        <source>importing</source>
        <translation>import</translation>
    </message>
    <message>
        <source>%1 tensors, %2 parameters</source>
        <translation>%1 tenseurs, %2 paramètres</translation>
    </message>
    <message>
        <source>Imported %1 (%2)</source>
        <translation>%1 importé (%2)</translation>
    </message>
    <message>
        <source>Quantize to %1 → %2</source>
        <translation>Quantifier en %1 → %2</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Source : %1</translation>
    </message>
    <message>
        <source>Output: %1 (predicted %2 bytes)</source>
        <translation>Sortie : %1 (%2 octets prévus)</translation>
    </message>
    <message>
        <source>The source %1 is gone; nothing was written.</source>
        <translation>La source %1 a disparu ; rien n’a été écrit.</translation>
    </message>
    <message>
        <source>The source file changed while it was being read, so the output was removed. Run again once nothing else writes to it.</source>
        <translation>Le fichier source a changé pendant sa lecture, la sortie a donc été supprimée. Relancez quand plus rien n’y écrit.</translation>
    </message>
    <message>
        <source>The source file was deleted while it was being read, so the output was removed.</source>
        <translation>Le fichier source a été supprimé pendant sa lecture, la sortie a donc été supprimée.</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>avertissement : %1</translation>
    </message>
    <message>
        <source>Wrote %1 bytes in %2 s (%3 MB/s of source)</source>
        <translation>%1 octets écrits en %2 s (%3 Mo/s de source)</translation>
    </message>
    <message>
        <source>%1 written: %2 in %3 s</source>
        <translation>%1 écrit : %2 en %3 s</translation>
    </message>
    <message>
        <source>Evaluate %1</source>
        <translation>Évaluer %1</translation>
    </message>
    <message>
        <source>%1: not made, not evaluated</source>
        <translation>%1 : non créé, non évalué</translation>
    </message>
    <message>
        <source>Nothing to evaluate: no variant was made.</source>
        <translation>Rien à évaluer : aucune variante n’a été créée.</translation>
    </message>
    <message>
        <source>The source %1 is gone, so nothing can be compared with it.</source>
        <translation>La source %1 a disparu, rien ne peut donc lui être comparé.</translation>
    </message>
    <message>
        <source>Text: %1, context %2, %3</source>
        <translation>Texte : %1, contexte %2, %3</translation>
    </message>
    <message>
        <source>at most %1 chunks</source>
        <translation>au plus %1 segments</translation>
    </message>
    <message>
        <source>every chunk</source>
        <translation>tous les segments</translation>
    </message>
    <message>
        <source>Cancelled; the variants measured before are in the results database.</source>
        <translation>Annulé ; les variantes déjà mesurées sont dans la base de résultats.</translation>
    </message>
    <message>
        <source>measured on this model (%1)</source>
        <translation>mesuré sur ce modèle (%1)</translation>
    </message>
    <message>
        <source>Choose a model: a GGUF file, a Hugging Face model folder or a llama2.c checkpoint.</source>
        <translation>Choisissez un modèle : un fichier GGUF, un dossier de modèle Hugging Face ou un checkpoint llama2.c.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 n’existe pas.</translation>
    </message>
    <message>
        <source>%1 cannot be read: check its permissions.</source>
        <translation>%1 est illisible : vérifiez ses droits d’accès.</translation>
    </message>
    <message>
        <source>This folder cannot be imported: %1</source>
        <translation>Ce dossier ne peut pas être importé : %1</translation>
    </message>
    <message>
        <source>This is neither a GGUF file nor a llama2.c checkpoint QuantDesk can read: %1</source>
        <translation>Ce n’est ni un fichier GGUF ni un checkpoint llama2.c lisible par QuantDesk : %1</translation>
    </message>
    <message>
        <source>This GGUF file cannot be read: %1</source>
        <translation>Ce fichier GGUF est illisible : %1</translation>
    </message>
    <message>
        <source>This file has no weight matrices to quantize (is it a vocabulary-only file?).</source>
        <translation>Ce fichier n’a aucune matrice de poids à quantifier (ne contient-il qu’un vocabulaire ?).</translation>
    </message>
    <message>
        <source>unknown method</source>
        <translation>méthode inconnue</translation>
    </message>
    <message>
        <source>line %1: write PATTERN=TYPE, for example attn_v=q8_0</source>
        <translation>ligne %1 : écrivez MOTIF=TYPE, par exemple attn_v=q8_0</translation>
    </message>
    <message>
        <source>line %1: unknown tensor type &apos;%2&apos;</source>
        <translation>ligne %1 : type de tenseur inconnu « %2 »</translation>
    </message>
    <message>
        <source>line %1: &apos;%2&apos; is not a valid regular expression</source>
        <translation>ligne %1 : « %2 » n’est pas une expression régulière valide</translation>
    </message>
    <message>
        <source>Load %1 for chat</source>
        <translation>Charger %1 pour discuter</translation>
    </message>
    <message>
        <source>Checking memory</source>
        <translation>Vérification de la mémoire</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>QuantDesk cannot run %1: %2</source>
        <translation>QuantDesk ne peut pas exécuter %1 : %2</translation>
    </message>
    <message>
        <source>Not enough memory: %1 needs %2 at a context of %3 tokens (file %4, KV cache and buffers %5), and %6 is free. Choose a smaller context or a smaller file, or close other programs.</source>
        <translation>Mémoire insuffisante : %1 demande %2 pour un contexte de %3 jetons (fichier %4, cache KV et tampons %5), et %6 sont libres. Choisissez un contexte plus petit ou un fichier plus petit, ou fermez d’autres programmes.</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Chargement</translation>
    </message>
    <message>
        <source>%1 failed to load: %2</source>
        <translation>Échec du chargement de %1 : %2</translation>
    </message>
    <message>
        <source>The tokenizer of %1 cannot be used: %2</source>
        <translation>Le tokenizer de %1 est inutilisable : %2</translation>
    </message>
    <message>
        <source>Reading the weights</source>
        <translation>Lecture des poids</translation>
    </message>
    <message>
        <source>%1 is loaded (%2, context %3, %4 threads).</source>
        <translation>%1 est chargé (%2, contexte %3, %4 threads).</translation>
    </message>
    <message>
        <source>end of the answer</source>
        <translation>fin de la réponse</translation>
    </message>
    <message>
        <source>stop text</source>
        <translation>texte d’arrêt</translation>
    </message>
    <message>
        <source>token limit</source>
        <translation>limite de jetons</translation>
    </message>
    <message>
        <source>context full</source>
        <translation>contexte plein</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <source>%1 s to first token</source>
        <translation>%1 s jusqu’au premier jeton</translation>
    </message>
    <message>
        <source>prompt %1 tokens/s</source>
        <translation>prompt %1 jetons/s</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 jetons/s</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens</source>
        <translation>
            <numerusform>%n jeton</numerusform>
            <numerusform>%n jetons</numerusform>
        </translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>glouton (jeton le plus probable)</translation>
    </message>
    <message>
        <source>temperature %1, top-k %2, top-p %3, min-p %4, seed %5</source>
        <translation>température %1, top-k %2, top-p %3, min-p %4, graine %5</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Nouvelle discussion</translation>
    </message>
    <message>
        <source>Import %1 + delta %2 to F16</source>
        <translation>Importer %1 + delta %2 en F16</translation>
    </message>
    <message>
        <source>Applying the delta weights of %1</source>
        <translation>Application des poids delta de %1</translation>
    </message>
    <message>
        <source>The delta weights cannot be applied to this base model: %1</source>
        <translation>Les poids delta ne peuvent pas être appliqués à ce modèle de base : %1</translation>
    </message>
    <message>
        <source>Delta weights apply to a Hugging Face model folder (the base model), not to this file.</source>
        <translation>Les poids delta s’appliquent à un dossier de modèle Hugging Face (le modèle de base), pas à ce fichier.</translation>
    </message>
    <message>
        <source>Loading, with layers on the GPU</source>
        <translation>Chargement, avec des couches sur le GPU</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) on the GPU</source>
        <translation>
            <numerusform>%n couche sur le GPU</numerusform>
            <numerusform>%n couches sur le GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>Every layer on the GPU</source>
        <translation>Toutes les couches sur le GPU</translation>
    </message>
    <message>
        <source>%1 was computed for another model: it has an entry for %2, which %3 does not have.</source>
        <translation>%1 a été calculée pour un autre modèle : elle a une entrée pour %2, que %3 n’a pas.</translation>
    </message>
    <message>
        <source>%1 was computed for another model: its %2 has %3 values, and the tensor&apos;s rows here hold %4.</source>
        <translation>%1 a été calculée pour un autre modèle : son %2 a %3 valeurs, et les lignes du tenseur ici en ont %4.</translation>
    </message>
    <message>
        <source>Importance matrix of %1</source>
        <translation>Matrice d’importance de %1</translation>
    </message>
    <message numerus="yes">
        <source>Reused the importance matrix computed before (%n chunk(s))</source>
        <translation>
            <numerusform>Matrice d’importance calculée auparavant réutilisée (%n bloc)</numerusform>
            <numerusform>Matrice d’importance calculée auparavant réutilisée (%n blocs)</numerusform>
        </translation>
    </message>
    <message>
        <source>The calibration text %1 cannot be read.</source>
        <translation>Le texte de calibration %1 ne peut pas être lu.</translation>
    </message>
    <message>
        <source>Going on after chunk %1 of the run stopped before</source>
        <translation>Reprise après le bloc %1 de l’exécution arrêtée auparavant</translation>
    </message>
    <message>
        <source>Text: %1, chunks of %2 tokens</source>
        <translation>Texte : %1, blocs de %2 jetons</translation>
    </message>
    <message>
        <source>Chunk</source>
        <translation>Bloc</translation>
    </message>
    <message numerus="yes">
        <source>Stopped; the %n chunk(s) done are kept for the next run.</source>
        <translation>
            <numerusform>Arrêté ; le bloc terminé est gardé pour la prochaine exécution.</numerusform>
            <numerusform>Arrêté ; les %n blocs terminés sont gardés pour la prochaine exécution.</numerusform>
        </translation>
    </message>
    <message>
        <source>The importance matrix could not be computed: %1</source>
        <translation>La matrice d’importance n’a pas pu être calculée : %1</translation>
    </message>
    <message numerus="yes">
        <source>Importance matrix computed on %n chunk(s)</source>
        <translation>
            <numerusform>Matrice d’importance calculée sur %n bloc</numerusform>
            <numerusform>Matrice d’importance calculée sur %n blocs</numerusform>
        </translation>
    </message>
    <message>
        <source>The importance matrix %1 cannot be used: %2</source>
        <translation>La matrice d’importance %1 ne peut pas être utilisée : %2</translation>
    </message>
    <message>
        <source>Importance matrix: %1</source>
        <translation>Matrice d’importance : %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::ArenaView</name>
    <message>
        <source>The files that answer side by side: two or more variants of one model, or any files</source>
        <translation>Les fichiers qui répondent côte à côte : deux variantes ou plus d’un modèle, ou n’importe quels fichiers</translation>
    </message>
    <message>
        <source>At the same time (threads split)</source>
        <translation>En même temps (threads partagés)</translation>
    </message>
    <message>
        <source>One after another (all threads each)</source>
        <translation>L’un après l’autre (tous les threads chacun)</translation>
    </message>
    <message>
        <source>At the same time: every column streams at once, each with its share of the cores. One after another: each answer gets every core, so its speed figures are comparable with the others&apos;.</source>
        <translation>En même temps : toutes les colonnes écrivent à la fois, chacune avec sa part des cœurs. L’un après l’autre : chaque réponse dispose de tous les cœurs, ses vitesses sont donc comparables à celles des autres.</translation>
    </message>
    <message>
        <source>Blind</source>
        <translation>À l’aveugle</translation>
    </message>
    <message>
        <source>Shuffle the columns and hide which file wrote which answer until you vote</source>
        <translation>Mélanger les colonnes et cacher quel fichier a écrit quelle réponse jusqu’à votre vote</translation>
    </message>
    <message>
        <source>One message for every column (Enter sends, Shift+Enter starts a new line)</source>
        <translation>Un message pour toutes les colonnes (Entrée envoie, Maj+Entrée commence une nouvelle ligne)</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>Envoyer à tous</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>New round</source>
        <translation>Nouvelle manche</translation>
    </message>
    <message>
        <source>Forget the columns&apos; conversations and start over</source>
        <translation>Oublier les conversations des colonnes et recommencer</translation>
    </message>
    <message>
        <source>No runnable models in the library</source>
        <translation>Aucun modèle exécutable dans la bibliothèque</translation>
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
        <translation>Réponse %1</translation>
    </message>
    <message>
        <source>Hidden until you vote</source>
        <translation>Caché jusqu’à votre vote</translation>
    </message>
    <message numerus="yes">
        <source>Loading %n variant(s)…</source>
        <translation>
            <numerusform>Chargement de %n variante…</numerusform>
            <numerusform>Chargement de %n variantes…</numerusform>
        </translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Side by side: answer with %1</source>
        <translation>Côte à côte : réponse avec %1</translation>
    </message>
    <message>
        <source>Side by side: %1</source>
        <translation>Côte à côte : %1</translation>
    </message>
    <message>
        <source>Which answer is better?</source>
        <translation>Quelle réponse est la meilleure ?</translation>
    </message>
    <message>
        <source>%1 is better</source>
        <translation>%1 est meilleure</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>Égalité</translation>
    </message>
    <message>
        <source>The vote could not be stored: %1</source>
        <translation>Le vote n’a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Voted: a tie.</source>
        <translation>Vote : égalité.</translation>
    </message>
    <message>
        <source>Voted: %1 was better — %2.</source>
        <translation>Vote : %1 était meilleure — %2.</translation>
    </message>
    <message>
        <source>Variants to compare:</source>
        <translation>Variantes à comparer :</translation>
    </message>
    <message>
        <source>Tick two or more variants on the left: say Q3_K_M and Q6_K of one model. One message then goes to each, with the same settings and seed.</source>
        <translation>Cochez à gauche deux variantes ou plus, par exemple Q3_K_M et Q6_K d’un même modèle. Un message part alors vers chacune, avec les mêmes réglages et la même graine.</translation>
    </message>
    <message>
        <source>The answer could not be stored: %1</source>
        <translation>La réponse n’a pas pu être enregistrée : %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::ChatController</name>
    <message>
        <source>The model was not loaded.</source>
        <translation>Le modèle n’a pas été chargé.</translation>
    </message>
    <message>
        <source>Answer with %1</source>
        <translation>Réponse avec %1</translation>
    </message>
    <message>
        <source>The chat template cannot be used: %1</source>
        <translation>Le modèle de discussion est inutilisable : %1</translation>
    </message>
    <message>
        <source>The chat template failed to render this conversation: %1</source>
        <translation>Le modèle de discussion n’a pas pu mettre en forme cette conversation : %1</translation>
    </message>
    <message>
        <source>The message does not fit: %1. Raise the context size in the settings, or shorten the message.</source>
        <translation>Le message ne tient pas : %1. Augmentez la taille du contexte dans les réglages ou raccourcissez le message.</translation>
    </message>
    <message>
        <source>Answering</source>
        <translation>Réponse en cours</translation>
    </message>
    <message>
        <source>The answer failed: %1</source>
        <translation>La réponse a échoué : %1</translation>
    </message>
    <message>
        <source>%1 tokens, %2 tokens/s</source>
        <translation>%1 jetons, %2 jetons/s</translation>
    </message>
</context>
<context>
    <name>qd::ui::ChatPage</name>
    <message>
        <source>The model to chat with: the runnable GGUF files of the library</source>
        <translation>Le modèle avec lequel discuter : les fichiers GGUF exécutables de la bibliothèque</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Charger</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>Send one prompt to several variants and compare the answers</source>
        <translation>Envoyer un prompt à plusieurs variantes et comparer les réponses</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Nouvelle discussion</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Commencer une nouvelle conversation (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Rechercher dans les conversations</translation>
    </message>
    <message>
        <source>Right-click a conversation to rename, export or delete it</source>
        <translation>Clic droit sur une conversation pour la renommer, l’exporter ou la supprimer</translation>
    </message>
    <message>
        <source>Message (Enter sends, Shift+Enter starts a new line)</source>
        <translation>Message (Entrée envoie, Maj+Entrée commence une nouvelle ligne)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop the answer; what it wrote so far stays (Esc)</source>
        <translation>Arrêter la réponse ; ce qui est déjà écrit reste (Échap)</translation>
    </message>
    <message>
        <source>Context: no model loaded</source>
        <translation>Contexte : aucun modèle chargé</translation>
    </message>
    <message>
        <source>Everything the model sees at once: system prompt, history and the answer so far. When it fills, the oldest turns leave the context (the system prompt stays) and the conversation marks where.</source>
        <translation>Tout ce que le modèle voit à la fois : prompt système, historique et réponse en cours. Quand il est plein, les échanges les plus anciens quittent le contexte (le prompt système reste) et la conversation marque l’endroit.</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>Décharger</translation>
    </message>
    <message>
        <source>The conversation history cannot be read: %1</source>
        <translation>L’historique des conversations est illisible : %1</translation>
    </message>
    <message>
        <source>%1 — cannot run: %2</source>
        <translation>%1 — non exécutable : %2</translation>
    </message>
    <message>
        <source>%1
QuantDesk cannot run it: %2</source>
        <translation>%1
QuantDesk ne peut pas l’exécuter : %2</translation>
    </message>
    <message>
        <source>No models in the library yet: add a folder on the Models page</source>
        <translation>Pas encore de modèle dans la bibliothèque : ajoutez un dossier dans la page Modèles</translation>
    </message>
    <message>
        <source>Choose a model first. The Models page adds folders to the library.</source>
        <translation>Choisissez d’abord un modèle. La page Modèles ajoute des dossiers à la bibliothèque.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Chargement de %1…</translation>
    </message>
    <message>
        <source>%1 · %2 · context %3 · %4 threads · %5</source>
        <translation>%1 · %2 · contexte %3 · %4 threads · %5</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Aucun modèle chargé</translation>
    </message>
    <message>
        <source>%1 of %2 tokens in the context</source>
        <translation>%1 sur %2 jetons dans le contexte</translation>
    </message>
    <message>
        <source>The conversation history could not be written: %1</source>
        <translation>L’historique des conversations n’a pas pu être écrit : %1</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>This conversation was with %1.</source>
        <translation>Cette conversation était avec %1.</translation>
    </message>
    <message>
        <source>Load it</source>
        <translation>Le charger</translation>
    </message>
    <message>
        <source>This conversation was with %1, which is not in the library now.</source>
        <translation>Cette conversation était avec %1, qui n’est plus dans la bibliothèque.</translation>
    </message>
    <message>
        <source>Use the built-in ChatML template</source>
        <translation>Utiliser le modèle ChatML intégré</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Editing a message: Send makes a new version of it and answers that; the old version and its answers stay (‹ › switches between them). Esc cancels.</source>
        <translation>Modification d’un message : Envoyer en crée une nouvelle version et y répond ; l’ancienne version et ses réponses restent (‹ › passe de l’une à l’autre). Échap annule.</translation>
    </message>
    <message>
        <source>The conversation could not be exported: %1</source>
        <translation>La conversation n’a pas pu être exportée : %1</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Renommer la conversation</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titre :</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exporter la conversation</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Exporter en Markdown…</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Exporter en JSON…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Supprimer la conversation</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; with all its messages and versions? This cannot be undone.</source>
        <translation>Supprimer « %1 » avec tous ses messages et versions ? C’est définitif.</translation>
    </message>
    <message>
        <source>(your next message)</source>
        <translation>(votre prochain message)</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>Pas d’aperçu : %1</translation>
    </message>
    <message>
        <source>The prompt the model sees</source>
        <translation>Le prompt que voit le modèle</translation>
    </message>
    <message>
        <source>%1 tokens, with %2. Special tokens are shown as text.</source>
        <translation>%1 jetons, avec %2. Les jetons spéciaux sont affichés en texte.</translation>
    </message>
    <message>
        <source>Choose a model above, type a message below and press Enter.</source>
        <translation>Choisissez un modèle ci-dessus, écrivez un message ci-dessous et appuyez sur Entrée.</translation>
    </message>
    <message>
        <source>Answers appear as they are written; Stop keeps what was written so far. Regenerate and Edit keep the earlier versions (‹ › switches between them). The settings on the right apply to the next answer.</source>
        <translation>Les réponses s’affichent au fil de l’écriture ; Arrêter garde ce qui est déjà écrit. Régénérer et Modifier gardent les versions précédentes (‹ › passe de l’une à l’autre). Les réglages à droite s’appliquent à la réponse suivante.</translation>
    </message>
    <message>
        <source>%1 of %2 layers run on the GPU: %3</source>
        <translation>%1 couches sur %2 tournent sur le GPU : %3</translation>
    </message>
    <message>
        <source>%1 of %2 layers on the GPU</source>
        <translation>%1 couches sur %2 sur le GPU</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>CPU seul</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · context %4 · %5 threads · %6</source>
        <translation>%1 · %2 · %3 · contexte %4 · %5 threads · %6</translation>
    </message>
    <message>
        <source>Settings changed: Reload to apply — %1</source>
        <translation>Réglages modifiés : recharger pour les appliquer — %1</translation>
    </message>
    <message>
        <source>%1
Runs on %2</source>
        <translation>%1
Tourne sur %2</translation>
    </message>
    <message>
        <source>No layer runs on the GPU: %1</source>
        <translation>Aucune couche ne tourne sur le GPU : %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::ChatSettingsPanel</name>
    <message>
        <source>Named settings: choose one to apply it</source>
        <translation>Réglages nommés : choisissez-en un pour l’appliquer</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <source>Save these settings as a preset</source>
        <translation>Enregistrer ces réglages comme préréglage</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete the chosen preset</source>
        <translation>Supprimer le préréglage choisi</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Préréglage :</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>System prompt (optional): how the model should behave</source>
        <translation>Prompt système (facultatif) : comment le modèle doit se comporter</translation>
    </message>
    <message>
        <source>The model&apos;s own template</source>
        <translation>Le modèle de discussion du fichier</translation>
    </message>
    <message>
        <source>How the conversation is written for the model. Models know the format they were trained on; a built-in one helps when a model&apos;s own template is missing or broken.</source>
        <translation>Comment la conversation est écrite pour le modèle. Les modèles connaissent le format de leur entraînement ; un modèle intégré aide quand celui du fichier manque ou est défectueux.</translation>
    </message>
    <message>
        <source>Preview prompt…</source>
        <translation>Aperçu du prompt…</translation>
    </message>
    <message>
        <source>Show the exact text the model will be given for this conversation</source>
        <translation>Afficher le texte exact que le modèle recevra pour cette conversation</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Modèle :</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Échantillonnage</translation>
    </message>
    <message>
        <source>0 always picks the most likely token (greedy); higher is more varied</source>
        <translation>0 choisit toujours le jeton le plus probable (glouton) ; plus haut, c’est plus varié</translation>
    </message>
    <message>
        <source>Only the K most likely tokens are candidates (0: off)</source>
        <translation>Seuls les K jetons les plus probables sont candidats (0 : désactivé)</translation>
    </message>
    <message>
        <source>Only the most likely tokens that together have this probability (1: off)</source>
        <translation>Seuls les jetons les plus probables qui totalisent cette probabilité (1 : désactivé)</translation>
    </message>
    <message>
        <source>Drops tokens less likely than this share of the most likely one (0: off)</source>
        <translation>Écarte les jetons moins probables que cette part du plus probable (0 : désactivé)</translation>
    </message>
    <message>
        <source>Makes recently used tokens less likely (1: off)</source>
        <translation>Rend moins probables les jetons utilisés récemment (1 : désactivé)</translation>
    </message>
    <message>
        <source>How many recent tokens the repeat penalty looks at</source>
        <translation>Combien de jetons récents la pénalité de répétition considère</translation>
    </message>
    <message>
        <source>The longest answer, in tokens</source>
        <translation>La réponse la plus longue, en jetons</translation>
    </message>
    <message>
        <source>The same seed, settings and conversation give the same answer</source>
        <translation>La même graine, les mêmes réglages et la même conversation donnent la même réponse</translation>
    </message>
    <message>
        <source>New for each answer</source>
        <translation>Nouvelle à chaque réponse</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Température :</translation>
    </message>
    <message>
        <source>Top-k:</source>
        <translation>Top-k :</translation>
    </message>
    <message>
        <source>Top-p:</source>
        <translation>Top-p :</translation>
    </message>
    <message>
        <source>Min-p:</source>
        <translation>Min-p :</translation>
    </message>
    <message>
        <source>Repeat penalty:</source>
        <translation>Pénalité de répétition :</translation>
    </message>
    <message>
        <source>Repeat window:</source>
        <translation>Fenêtre de répétition :</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>Jetons max. :</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Graine :</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <source>Tokens the model sees at once: system prompt, history and the answer. More needs more memory. Changing it reloads the model.</source>
        <translation>Jetons que le modèle voit à la fois : prompt système, historique et réponse. Plus demande plus de mémoire. Le modifier recharge le modèle.</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Tous les cœurs (%1)</translation>
    </message>
    <message>
        <source>CPU threads for the model. Changing it reloads the model.</source>
        <translation>Threads CPU pour le modèle. Le modifier recharge le modèle.</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Contexte :</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads :</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>Supprimer le préréglage</translation>
    </message>
    <message>
        <source>Delete the preset &quot;%1&quot;?</source>
        <translation>Supprimer le préréglage « %1 » ?</translation>
    </message>
    <message>
        <source>This model was trained for a context of up to %1 tokens.</source>
        <translation>Ce modèle a été entraîné pour un contexte d’au plus %1 jetons.</translation>
    </message>
    <message>
        <source>(custom)</source>
        <translation>(personnalisé)</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Enregistrer le préréglage</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>Nom du préréglage :</translation>
    </message>
    <message>
        <source>Replace the preset &quot;%1&quot;?</source>
        <translation>Remplacer le préréglage « %1 » ?</translation>
    </message>
    <message>
        <source>A Vulkan GPU that holds some or all of the model&apos;s layers (Help ▸ This Machine lists them). Changing it reloads the model.</source>
        <translation>Un GPU Vulkan qui porte une partie ou la totalité des couches du modèle (Aide ▸ Cette machine les liste). Le changer recharge le modèle.</translation>
    </message>
    <message>
        <source>GPU:</source>
        <translation>GPU :</translation>
    </message>
</context>
<context>
    <name>qd::ui::ChatView</name>
    <message>
        <source>(stopped)</source>
        <translation>(arrêtée)</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copier le code</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Régénérer</translation>
    </message>
    <message>
        <source>The messages above no longer fit in the context window: the model does not see them. The system prompt stays.</source>
        <translation>Les messages ci-dessus ne tiennent plus dans la fenêtre de contexte : le modèle ne les voit pas. Le prompt système reste.</translation>
    </message>
</context>
<context>
    <name>qd::ui::ComparePage</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation>Qualité :</translation>
    </message>
    <message>
        <source>KL divergence (mean, p99)</source>
        <translation>Divergence KL (moyenne, p99)</translation>
    </message>
    <message>
        <source>Perplexity ± error</source>
        <translation>Perplexité ± erreur</translation>
    </message>
    <message>
        <source>ΔPerplexity %</source>
        <translation>ΔPerplexité %</translation>
    </message>
    <message>
        <source>ln(PPL ratio)</source>
        <translation>ln(rapport de PPL)</translation>
    </message>
    <message>
        <source>Same top token %</source>
        <translation>Même jeton de tête %</translation>
    </message>
    <message>
        <source>The quality measure on the vertical axis; the recommendation chooses by it too</source>
        <translation>La mesure de qualité sur l’axe vertical ; la recommandation choisit aussi selon elle</translation>
    </message>
    <message>
        <source>Against:</source>
        <translation>En fonction de :</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Taille du fichier</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits par poids</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire :</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> Gio</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <source>What the model may use: free memory now, unless you set another figure</source>
        <translation>Ce que le modèle peut utiliser : la mémoire libre maintenant, sauf si vous fixez une autre valeur</translation>
    </message>
    <message>
        <source>at context</source>
        <translation>au contexte</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> jetons</translation>
    </message>
    <message>
        <source>Generate at least:</source>
        <translation>Générer au moins :</translation>
    </message>
    <message>
        <source> tokens/s</source>
        <translation> jetons/s</translation>
    </message>
    <message>
        <source>any speed</source>
        <translation>toute vitesse</translation>
    </message>
    <message>
        <source>Choose in:</source>
        <translation>Choisir parmi :</translation>
    </message>
    <message>
        <source>The base model whose variants the recommendation chooses among</source>
        <translation>Le modèle de base parmi les variantes duquel la recommandation choisit</translation>
    </message>
    <message>
        <source>Chat with…</source>
        <translation>Discuter avec…</translation>
    </message>
    <message>
        <source>Open the selected variant on the Chat page</source>
        <translation>Ouvrir la variante choisie dans la page Discussion</translation>
    </message>
    <message>
        <source>Show in Models</source>
        <translation>Montrer dans Modèles</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>Exporter le graphique…</translation>
    </message>
    <message>
        <source>Save the size-against-quality chart as PNG, PDF or SVG</source>
        <translation>Enregistrer le graphique taille/qualité en PNG, PDF ou SVG</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>Exporter le tableau…</translation>
    </message>
    <message>
        <source>Save the table as CSV, in its current order</source>
        <translation>Enregistrer le tableau en CSV, dans son ordre actuel</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Exporter le rapport…</translation>
    </message>
    <message>
        <source>A report to publish with the model: perplexity, size and speed of every variant against the unquantized one, with the chart (Markdown or HTML)</source>
        <translation>Un rapport à publier avec le modèle : perplexité, taille et vitesse de chaque variante face au modèle non quantifié, avec le graphique (Markdown ou HTML)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Exporter le graphique</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>Image PNG (*.png);;Document PDF (*.pdf);;Dessin SVG (*.svg)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Exporter le tableau</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Tableau CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML page (*.html)</source>
        <translation>Markdown (*.md);;Page HTML (*.html)</translation>
    </message>
    <message>
        <source>The file is gone: %1</source>
        <translation>Le fichier a disparu : %1</translation>
    </message>
    <message>
        <source>Select the file on the Models page</source>
        <translation>Sélectionner le fichier dans la page Modèles</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) measured</source>
        <translation>
            <numerusform>%n variante mesurée</numerusform>
            <numerusform>%n variantes mesurées</numerusform>
        </translation>
    </message>
    <message>
        <source>Size against quality</source>
        <translation>Taille en fonction de la qualité</translation>
    </message>
    <message>
        <source>Choose a file name ending in .png, .pdf or .svg.</source>
        <translation>Choisissez un nom de fichier se terminant par .png, .pdf ou .svg.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d’écrire %1.</translation>
    </message>
    <message>
        <source>this machine</source>
        <translation>cette machine</translation>
    </message>
    <message>
        <source>Quantization report</source>
        <translation>Rapport de quantification</translation>
    </message>
    <message>
        <source>Measured with QuantDesk %1 on %2. Perplexity on the text named below; KL divergence of each variant&apos;s next-token distribution from the unquantized model&apos;s; ms/token is generation on this machine.</source>
        <translation>Mesuré avec QuantDesk %1 sur %2. Perplexité sur le texte nommé ci-dessous ; divergence KL de la distribution du jeton suivant de chaque variante par rapport à celle du modèle non quantifié ; ms/jeton est la génération sur cette machine.</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bits/poids</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexité</translation>
    </message>
    <message>
        <source>ΔPPL</source>
        <translation>ΔPPL</translation>
    </message>
    <message>
        <source>KLD mean</source>
        <translation>KLD moyenne</translation>
    </message>
    <message>
        <source>KLD p99</source>
        <translation>KLD p99</translation>
    </message>
    <message>
        <source>Same top</source>
        <translation>Même tête</translation>
    </message>
    <message>
        <source>ms/token</source>
        <translation>ms/jeton</translation>
    </message>
    <message>
        <source>vs. base</source>
        <translation>vs base</translation>
    </message>
    <message>
        <source>%1 (base)</source>
        <translation>%1 (base)</translation>
    </message>
    <message>
        <source>Base: %1 (%2). ms/token against the %2 base. Last measured: %3.</source>
        <translation>Base : %1 (%2). ms/jeton par rapport à la base %2. Dernière mesure : %3.</translation>
    </message>
    <message>
        <source>Base: %1 (%2, not an unquantized model). Last measured: %3.</source>
        <translation>Base : %1 (%2, pas un modèle non quantifié). Dernière mesure : %3.</translation>
    </message>
    <message>
        <source>Choose a file name ending in .md or .html.</source>
        <translation>Choisissez un nom de fichier se terminant par .md ou .html.</translation>
    </message>
    <message>
        <source>16-bit files</source>
        <translation>Fichiers 16 bits</translation>
    </message>
    <message>
        <source>Plot F16 and BF16 variants too (their divergence is thousands of times below any quantized file&apos;s); the table lists them either way</source>
        <translation>Tracer aussi les variantes F16 et BF16 (leur divergence est des milliers de fois inférieure à celle de tout fichier quantifié) ; le tableau les liste dans tous les cas</translation>
    </message>
    <message>
        <source>Evaluate…</source>
        <translation>Évaluer…</translation>
    </message>
    <message>
        <source>Measure perplexity, KL divergence and speed of model files, for the Compare page</source>
        <translation>Mesurer la perplexité, la divergence KL et la vitesse de fichiers de modèle, pour la page Comparer</translation>
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
Dernier message : %3</translation>
    </message>
</context>
<context>
    <name>qd::ui::EvaluateDialog</name>
    <message>
        <source>Evaluate models</source>
        <translation>Évaluer des modèles</translation>
    </message>
    <message>
        <source>Measures perplexity, KL divergence from the base and speed on this machine. Results go to the results database and appear on the Compare page as they finish; files measured before with the same settings are not measured again.</source>
        <translation>Mesure la perplexité, la divergence KL par rapport à la base et la vitesse sur cette machine. Les résultats vont dans la base de résultats et apparaissent dans la page Comparer dès qu’ils sont prêts ; les fichiers déjà mesurés avec les mêmes réglages ne sont pas remesurés.</translation>
    </message>
    <message>
        <source>Files to evaluate:</source>
        <translation>Fichiers à évaluer :</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>The KL divergence is measured against this model: the unquantized one (F16, BF16 or F32) where there is one</source>
        <translation>La divergence KL est mesurée par rapport à ce modèle : le non quantifié (F16, BF16 ou F32) s’il y en a un</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>Modèle de base :</translation>
    </message>
    <message>
        <source>Plain text the model has not been trained on; the bundled one is held-out Shakespeare</source>
        <translation>Texte brut sur lequel le modèle n’a pas été entraîné ; celui fourni est du Shakespeare mis de côté</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Evaluation text:</source>
        <translation>Texte d’évaluation :</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> jetons</translation>
    </message>
    <message>
        <source>Tokens per chunk, as llama-perplexity&apos;s -c (512 compares with published numbers)</source>
        <translation>Jetons par segment, comme le -c de llama-perplexity (512 se compare aux chiffres publiés)</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Contexte :</translation>
    </message>
    <message>
        <source>every chunk</source>
        <translation>tous les segments</translation>
    </message>
    <message>
        <source>At most this many chunks of the text: fewer is faster, with larger error bars</source>
        <translation>Au plus ce nombre de segments du texte : moins est plus rapide, avec des barres d’erreur plus grandes</translation>
    </message>
    <message>
        <source>Chunks:</source>
        <translation>Segments :</translation>
    </message>
    <message>
        <source>Measure prompt and generation speed</source>
        <translation>Mesurer la vitesse du prompt et de la génération</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Évaluer</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>Texte d’évaluation</translation>
    </message>
    <message>
        <source>Text (*.txt *.md *.raw);;All files (*)</source>
        <translation>Texte (*.txt *.md *.raw);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The library has no GGUF file QuantDesk runs: add one on the Models page.</source>
        <translation>La bibliothèque n’a aucun fichier GGUF que QuantDesk exécute : ajoutez-en un dans la page Modèles.</translation>
    </message>
    <message>
        <source>%1 is not a variant of the base %2 (another architecture or vocabulary): the KL divergence compares the same model quantized differently.</source>
        <translation>%1 n’est pas une variante de la base %2 (autre architecture ou vocabulaire) : la divergence KL compare le même modèle quantifié autrement.</translation>
    </message>
    <message>
        <source>Tick the files to evaluate.</source>
        <translation>Cochez les fichiers à évaluer.</translation>
    </message>
    <message>
        <source>Tick at least one file besides the base: the base is measured as the reference anyway.</source>
        <translation>Cochez au moins un fichier en plus de la base : la base est de toute façon mesurée comme référence.</translation>
    </message>
    <message>
        <source>The evaluation text %1 does not exist.</source>
        <translation>Le texte d’évaluation %1 n’existe pas.</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>Tout cocher</translation>
    </message>
    <message>
        <source>Tick none</source>
        <translation>Tout décocher</translation>
    </message>
    <message>
        <source>Run every model with layers on a Vulkan GPU: speed (and, slightly, perplexity and KL divergence) is then the GPU&apos;s, kept as a series of its own</source>
        <translation>Exécuter chaque modèle avec des couches sur un GPU Vulkan : la vitesse (et, légèrement, la perplexité et la divergence KL) est alors celle du GPU, gardée comme une série à part</translation>
    </message>
    <message>
        <source>GPU:</source>
        <translation>GPU :</translation>
    </message>
</context>
<context>
    <name>qd::ui::EvaluationsModel</name>
    <message>
        <source>context %1</source>
        <translation>contexte %1</translation>
    </message>
    <message numerus="yes">
        <source>at most %n chunk(s)</source>
        <translation>
            <numerusform>au plus %n segment</numerusform>
            <numerusform>au plus %n segments</numerusform>
        </translation>
    </message>
    <message>
        <source>every chunk</source>
        <translation>tous les segments</translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n thread</numerusform>
            <numerusform>%n threads</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown base</source>
        <translation>base inconnue</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Mean KL divergence %1 ± %2 nats per token; 99th percentile %3</source>
        <translation>Divergence KL moyenne %1 ± %2 nats par jeton ; 99e centile %3</translation>
    </message>
    <message>
        <source>%1 wins, %2 ties in %3 blind or open rounds on the Chat page</source>
        <translation>%1 victoires, %2 égalités en %3 manches à l’aveugle ou ouvertes dans la page Discussion</translation>
    </message>
    <message>
        <source>%1 (base)</source>
        <translation>%1 (base)</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 % of %n round(s)</source>
        <translation>
            <numerusform>%1 % de %n manche</numerusform>
            <numerusform>%1 % de %n manches</numerusform>
        </translation>
    </message>
    <message>
        <source>Perplexity change against the base model, in percent of the base&apos;s perplexity</source>
        <translation>Variation de la perplexité par rapport au modèle de base, en pourcentage de la perplexité de la base</translation>
    </message>
    <message>
        <source>Mean KL divergence of the variant&apos;s next-token distribution from the base&apos;s (lower is better)</source>
        <translation>Divergence KL moyenne de la distribution du jeton suivant de la variante par rapport à celle de la base (plus bas est mieux)</translation>
    </message>
    <message>
        <source>99th percentile of the per-token KL divergence: how bad the worst tokens get</source>
        <translation>99e centile de la divergence KL par jeton : à quel point les pires jetons se dégradent</translation>
    </message>
    <message>
        <source>How often the variant&apos;s most likely next token is the base&apos;s</source>
        <translation>À quelle fréquence le jeton suivant le plus probable de la variante est celui de la base</translation>
    </message>
    <message>
        <source>Prompt processing, tokens per second, measured on this machine</source>
        <translation>Traitement du prompt, jetons par seconde, mesuré sur cette machine</translation>
    </message>
    <message>
        <source>Generation, tokens per second, measured on this machine</source>
        <translation>Génération, jetons par seconde, mesurée sur cette machine</translation>
    </message>
    <message>
        <source>How often this file won side-by-side rounds on the Chat page (a tie counts half)</source>
        <translation>À quelle fréquence ce fichier a gagné les manches côte à côte de la page Discussion (une égalité compte pour moitié)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>Mix</source>
        <translation>Mélange</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bits/poids</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexité</translation>
    </message>
    <message>
        <source>ΔPPL</source>
        <translation>ΔPPL</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>Divergence KL</translation>
    </message>
    <message>
        <source>KLD p99</source>
        <translation>KLD p99</translation>
    </message>
    <message>
        <source>Same top</source>
        <translation>Même tête</translation>
    </message>
    <message>
        <source>Prompt t/s</source>
        <translation>Prompt j/s</translation>
    </message>
    <message>
        <source>Generation t/s</source>
        <translation>Génération j/s</translation>
    </message>
    <message>
        <source>Arena</source>
        <translation>Arène</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Mesuré</translation>
    </message>
    <message>
        <source>the best GPU</source>
        <translation>le meilleur GPU</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>every layer on %1</source>
        <translation>toutes les couches sur %1</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) on %1</source>
        <translation>
            <numerusform>%n couche sur %1</numerusform>
            <numerusform>%n couches sur %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::ui::GpuChoiceWidget</name>
    <message>
        <source>A Vulkan GPU that holds some or all of the model&apos;s layers (Help ▸ This Machine lists them)</source>
        <translation>Un GPU Vulkan qui porte une partie ou la totalité des couches du modèle (Aide ▸ Cette machine les liste)</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>Toutes les couches</translation>
    </message>
    <message>
        <source> layers</source>
        <translation> couches</translation>
    </message>
    <message>
        <source>How many layers (the last ones, and the output) run on the GPU; the rest stay on the CPU. What does not fit in the GPU&apos;s memory stays on the CPU, and QuantDesk says so.</source>
        <translation>Combien de couches (les dernières, et la sortie) tournent sur le GPU ; le reste reste sur le CPU. Ce qui ne tient pas dans la mémoire du GPU reste sur le CPU, et QuantDesk le signale.</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>Couches GPU</translation>
    </message>
    <message>
        <source>None: CPU only</source>
        <translation>Aucun : CPU seul</translation>
    </message>
    <message>
        <source>The best GPU</source>
        <translation>Le meilleur GPU</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>Périphérique %1</translation>
    </message>
    <message>
        <source>The best GPU: %1</source>
        <translation>Le meilleur GPU : %1</translation>
    </message>
    <message>
        <source>Vulkan %1</source>
        <translation>Vulkan %1</translation>
    </message>
    <message>
        <source>Vulkan %1: %2</source>
        <translation>Vulkan %1 : %2</translation>
    </message>
    <message>
        <source>Vulkan %1: a CPU implementation, slower than QuantDesk&apos;s own CPU kernels</source>
        <translation>Vulkan %1 : une implémentation sur CPU, plus lente que les noyaux CPU de QuantDesk</translation>
    </message>
    <message>
        <source>No Vulkan device: no driver reports one. Models run on the CPU.</source>
        <translation>Aucun périphérique Vulkan : aucun pilote n’en signale. Les modèles tournent sur le CPU.</translation>
    </message>
    <message>
        <source>No GPU offload: %1. Models run on the CPU.</source>
        <translation>Pas de déchargement sur GPU : %1. Les modèles tournent sur le CPU.</translation>
    </message>
</context>
<context>
    <name>qd::ui::JobRunner</name>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Cancelled; nothing was left behind.</source>
        <translation>Annulé ; rien n’a été laissé derrière.</translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation>Annulé avant de commencer.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Not started: &quot;%1&quot; did not finish.</source>
        <translation>Non démarré : « %1 » n’a pas abouti.</translation>
    </message>
    <message>
        <source>Internal error: the job has no work.</source>
        <translation>Erreur interne : la tâche n’a rien à faire.</translation>
    </message>
    <message>
        <source>Out of memory: close other programs or choose a smaller model.</source>
        <translation>Mémoire épuisée : fermez d’autres programmes ou choisissez un modèle plus petit.</translation>
    </message>
    <message>
        <source>Internal error (a bug in QuantDesk); the detail says where.</source>
        <translation>Erreur interne (un bogue de QuantDesk) ; le détail indique où.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
</context>
<context>
    <name>qd::ui::JobsButton</name>
    <message>
        <source>Show the jobs: progress, messages and logs (Ctrl+J)</source>
        <translation>Afficher les tâches : progression, messages et journaux (Ctrl+J)</translation>
    </message>
    <message>
        <source>Jobs: %1 running</source>
        <translation>Tâches : %1 en cours</translation>
    </message>
    <message>
        <source>Jobs: all done</source>
        <translation>Tâches : toutes terminées</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Jobs: a job failed</source>
        <translation>Tâches : une a échoué</translation>
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
        <translation>%1 · %2 Mo/s</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>En ce moment</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Écoulé</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Restant</translation>
    </message>
</context>
<context>
    <name>qd::ui::JobsPanel</name>
    <message>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Show the job&apos;s log and the full text of any error</source>
        <translation>Afficher le journal de la tâche et le texte complet de toute erreur</translation>
    </message>
    <message>
        <source>Copy log</source>
        <translation>Copier le journal</translation>
    </message>
    <message>
        <source>Copy the job&apos;s title, state, message and log to the clipboard</source>
        <translation>Copier le titre, l’état, le message et le journal de la tâche dans le presse-papiers</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop the selected job; its unfinished output is removed</source>
        <translation>Arrêter la tâche choisie ; sa sortie inachevée est supprimée</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Tout annuler</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Retirer les terminées</translation>
    </message>
    <message>
        <source>Remove finished, failed and cancelled jobs from the list</source>
        <translation>Retirer de la liste les tâches terminées, échouées et annulées</translation>
    </message>
    <message>
        <source>Run at once:</source>
        <translation>En parallèle :</translation>
    </message>
    <message>
        <source>How many jobs run at the same time. Each uses every core, so 1 is usually fastest in all.</source>
        <translation>Nombre de tâches exécutées en même temps. Chacune utilise tous les cœurs, 1 est donc en général le plus rapide au total.</translation>
    </message>
    <message>
        <source>No jobs yet. Quantizing, importing and evaluating run here.</source>
        <translation>Aucune tâche pour l’instant. Les quantifications, imports et évaluations s’exécutent ici.</translation>
    </message>
    <message>
        <source>Select a job to see its message and log.</source>
        <translation>Sélectionnez une tâche pour voir son message et son journal.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Échoué :&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Done:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Terminé :&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelled:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Annulé :&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::LabCharts</name>
    <message>
        <source>type-0</source>
        <translation>type 0</translation>
    </message>
    <message>
        <source>type-1</source>
        <translation>type 1</translation>
    </message>
    <message>
        <source>K-style</source>
        <translation>style K</translation>
    </message>
    <message>
        <source>IQ4_NL codebook</source>
        <translation>codebook IQ4_NL</translation>
    </message>
    <message>
        <source>FP4 codebook</source>
        <translation>codebook FP4</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>scalaire</translation>
    </message>
    <message>
        <source>row</source>
        <translation>ligne</translation>
    </message>
    <message>
        <source>K-style in %1, %2-bit codes</source>
        <translation>style K en %1, codes de %2 bits</translation>
    </message>
    <message>
        <source>Bayesian optimisation</source>
        <translation>optimisation bayésienne</translation>
    </message>
    <message>
        <source>random search</source>
        <translation>recherche aléatoire</translation>
    </message>
    <message>
        <source>weight-error front</source>
        <translation>front d’erreur des poids</translation>
    </message>
    <message>
        <source>Size against quality (evaluated points)</source>
        <translation>Taille en fonction de la qualité (points évalués)</translation>
    </message>
    <message>
        <source>bits per weight</source>
        <translation>bits par poids</translation>
    </message>
    <message>
        <source>mean KL divergence</source>
        <translation>divergence KL moyenne</translation>
    </message>
    <message>
        <source>dot product GB/s</source>
        <translation>produit scalaire Go/s</translation>
    </message>
    <message>
        <source>Block size against weight error</source>
        <translation>Taille de bloc en fonction de l’erreur des poids</translation>
    </message>
    <message>
        <source>QK (weights per block)</source>
        <translation>QK (poids par bloc)</translation>
    </message>
    <message>
        <source>weight RMSE</source>
        <translation>RMSE des poids</translation>
    </message>
    <message>
        <source>Block size against dot-product speed</source>
        <translation>Taille de bloc en fonction de la vitesse du produit scalaire</translation>
    </message>
    <message>
        <source>GB/s of weights read</source>
        <translation>Go/s de poids lus</translation>
    </message>
    <message>
        <source>The search: best so far</source>
        <translation>La recherche : meilleur jusqu’ici</translation>
    </message>
    <message>
        <source>quality evaluations</source>
        <translation>évaluations de qualité</translation>
    </message>
    <message>
        <source>best mean KL divergence</source>
        <translation>meilleure divergence KL</translation>
    </message>
    <message>
        <source>front</source>
        <translation>front</translation>
    </message>
    <message>
        <source>recommended</source>
        <translation>recommandé</translation>
    </message>
    <message>
        <source>budget %1</source>
        <translation>budget %1</translation>
    </message>
    <message>
        <source>Block size against weight error (%1-bit, F16 scales)</source>
        <translation>Taille de bloc en fonction de l’erreur des poids (%1 bits, échelles F16)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Block size against dot-product speed (%1-bit)</source>
        <translation>Taille de bloc en fonction de la vitesse du produit scalaire (%1 bits)</translation>
    </message>
</context>
<context>
    <name>qd::ui::LabPage</name>
    <message>
        <source>The model whose weights the formats are measured on: an unquantized GGUF (F32, F16 or BF16) gives the answer for the original weights; a quantized one (the demo model) is expanded and measured as it is</source>
        <translation>Le modèle sur les poids duquel les formats sont mesurés : un GGUF non quantifié (F32, F16 ou BF16) donne la réponse pour les poids d’origine ; un modèle quantifié (le modèle de démonstration) est décompressé et mesuré tel quel</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Modèle de base</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modèles GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>Modèle de base :</translation>
    </message>
    <message>
        <source>Plain text the KL divergence and perplexity are measured on (held-out text the model was not trained on)</source>
        <translation>Texte brut sur lequel la divergence KL et la perplexité sont mesurées (un texte mis de côté, sur lequel le modèle n’a pas été entraîné)</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>Texte d’évaluation</translation>
    </message>
    <message>
        <source>Text files (*.txt *.raw);;All files (*)</source>
        <translation>Fichiers texte (*.txt *.raw);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Evaluation text:</source>
        <translation>Texte d’évaluation :</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <source>Tokens per evaluation chunk</source>
        <translation>Jetons par segment d’évaluation</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>At most this many chunks of the text per evaluation (all: the whole text)</source>
        <translation>Au plus ce nombre de segments du texte par évaluation (tous : le texte entier)</translation>
    </message>
    <message>
        <source>chunks:</source>
        <translation>segments :</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Contexte :</translation>
    </message>
    <message>
        <source>Bits per weight at most</source>
        <translation>Bits par poids au plus</translation>
    </message>
    <message>
        <source>The question: the lowest KL divergence with at most this many bits per weight</source>
        <translation>La question : la plus faible divergence KL avec au plus ce nombre de bits par poids</translation>
    </message>
    <message>
        <source>At most bits/weight:</source>
        <translation>Bits/poids au plus :</translation>
    </message>
    <message>
        <source>Evaluations per strategy</source>
        <translation>Évaluations par stratégie</translation>
    </message>
    <message>
        <source>Quality evaluations each strategy may spend (a point is evaluated once however many strategies ask for it)</source>
        <translation>Évaluations de qualité que chaque stratégie peut dépenser (un point est évalué une fois, quel que soit le nombre de stratégies qui le demandent)</translation>
    </message>
    <message>
        <source>Evaluations:</source>
        <translation>Évaluations :</translation>
    </message>
    <message>
        <source>Bayesian</source>
        <translation>bayésienne</translation>
    </message>
    <message>
        <source>A Gaussian process over QK, bits and family with expected improvement picks the next point</source>
        <translation>Un processus gaussien sur QK, les bits et la famille choisit le point suivant par l’amélioration espérée</translation>
    </message>
    <message>
        <source>random</source>
        <translation>aléatoire</translation>
    </message>
    <message>
        <source>Baseline: feasible points in random order</source>
        <translation>Référence : les points admissibles dans un ordre aléatoire</translation>
    </message>
    <message>
        <source>weight-error front</source>
        <translation>front d’erreur des poids</translation>
    </message>
    <message>
        <source>Baseline: the points on the (bits per weight, weight error) front first</source>
        <translation>Référence : d’abord les points du front (bits par poids, erreur des poids)</translation>
    </message>
    <message>
        <source>Strategies:</source>
        <translation>Stratégies :</translation>
    </message>
    <message>
        <source>measure dot-product speed per instruction set</source>
        <translation>mesurer la vitesse du produit scalaire par jeu d’instructions</translation>
    </message>
    <message>
        <source>Formats to measure</source>
        <translation>Formats à mesurer</translation>
    </message>
    <message>
        <source>type-0 (Q4_0-like)</source>
        <translation>type 0 (comme Q4_0)</translation>
    </message>
    <message>
        <source>type-1 (Q4_1-like)</source>
        <translation>type 1 (comme Q4_1)</translation>
    </message>
    <message>
        <source>K-style (Q4_K-like)</source>
        <translation>style K (comme Q4_K)</translation>
    </message>
    <message>
        <source>IQ4_NL codebook</source>
        <translation>codebook IQ4_NL</translation>
    </message>
    <message>
        <source>FP4 codebook (MXFP4)</source>
        <translation>codebook FP4 (MXFP4)</translation>
    </message>
    <message>
        <source>Families:</source>
        <translation>Familles :</translation>
    </message>
    <message>
        <source>whole row</source>
        <translation>ligne entière</translation>
    </message>
    <message>
        <source>Bits:</source>
        <translation>Bits :</translation>
    </message>
    <message>
        <source>QK:</source>
        <translation>QK :</translation>
    </message>
    <message>
        <source>F16 scales</source>
        <translation>échelles F16</translation>
    </message>
    <message>
        <source>E8M0 power-of-two scales</source>
        <translation>échelles E8M0 en puissances de deux</translation>
    </message>
    <message>
        <source>K-style super-block:</source>
        <translation>Super-bloc style K :</translation>
    </message>
    <message>
        <source>K-style super-block</source>
        <translation>Super-bloc style K</translation>
    </message>
    <message>
        <source>sub-block scale codes:</source>
        <translation>codes d’échelle des sous-blocs :</translation>
    </message>
    <message>
        <source>%1-bit</source>
        <translation>%1 bits</translation>
    </message>
    <message>
        <source>Sub-block scale code bits</source>
        <translation>Bits des codes d’échelle des sous-blocs</translation>
    </message>
    <message>
        <source>Scales:</source>
        <translation>Échelles :</translation>
    </message>
    <message>
        <source>Run the lab</source>
        <translation>Lancer le labo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Enregistrer le rapport…</translation>
    </message>
    <message>
        <source>The report as PDF (with the charts), HTML or Markdown</source>
        <translation>Le rapport en PDF (avec les graphiques), HTML ou Markdown</translation>
    </message>
    <message>
        <source>Open report folder</source>
        <translation>Ouvrir le dossier du rapport</translation>
    </message>
    <message>
        <source>Run the lab to find the block size with the lowest KL divergence within the size budget.</source>
        <translation>Lancez le labo pour trouver la taille de bloc à la plus faible divergence KL dans le budget de taille.</translation>
    </message>
    <message>
        <source>QK charts at:</source>
        <translation>Graphiques QK à :</translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation>%1 bits</translation>
    </message>
    <message>
        <source>Bits the QK charts show</source>
        <translation>Bits montrés par les graphiques QK</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>Every point</source>
        <translation>Tous les points</translation>
    </message>
    <message>
        <source>Choose a base model.</source>
        <translation>Choisissez un modèle de base.</translation>
    </message>
    <message>
        <source>The base model %1 does not exist.</source>
        <translation>Le modèle de base %1 n’existe pas.</translation>
    </message>
    <message>
        <source>Choose an evaluation text that exists.</source>
        <translation>Choisissez un texte d’évaluation qui existe.</translation>
    </message>
    <message>
        <source>Tick at least one strategy.</source>
        <translation>Cochez au moins une stratégie.</translation>
    </message>
    <message>
        <source>No format to measure: tick a family, a QK and a bit width (K-style needs a QK that divides its super-block).</source>
        <translation>Aucun format à mesurer : cochez une famille, un QK et une largeur de bits (le style K veut un QK qui divise son super-bloc).</translation>
    </message>
    <message>
        <source>Measure every format&apos;s size and weight error, then evaluate the points the strategies choose</source>
        <translation>Mesurer la taille et l’erreur des poids de chaque format, puis évaluer les points que les stratégies choisissent</translation>
    </message>
    <message>
        <source>Measuring every format&apos;s size and weight error…</source>
        <translation>Mesure de la taille et de l’erreur des poids de chaque format…</translation>
    </message>
    <message>
        <source>Block-size lab on %1</source>
        <translation>Labo de taille de bloc sur %1</translation>
    </message>
    <message>
        <source>The lab stopped: %1</source>
        <translation>Le labo s’est arrêté : %1</translation>
    </message>
    <message>
        <source>Cancelled; the points measured so far stay on the page.</source>
        <translation>Annulé ; les points mesurés jusqu’ici restent sur la page.</translation>
    </message>
    <message>
        <source>The lab finished, but its report could not be saved: %1</source>
        <translation>Le labo a terminé, mais son rapport n’a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Recommended: %1</source>
        <translation>Recommandé : %1</translation>
    </message>
    <message>
        <source>No evaluated format fits the size budget</source>
        <translation>Aucun format évalué ne tient dans le budget de taille</translation>
    </message>
    <message>
        <source>Evaluating the base model…</source>
        <translation>Évaluation du modèle de base…</translation>
    </message>
    <message>
        <source>No evaluated format has at most %1 bits per weight. Raise the budget or the number of evaluations.</source>
        <translation>Aucun format évalué n’a au plus %1 bits par poids. Augmentez le budget ou le nombre d’évaluations.</translation>
    </message>
    <message>
        <source>Within one standard error of it, so as good as far as this text can tell: %1.</source>
        <translation>À moins d’une erreur type de lui, donc aussi bons pour autant que ce texte permette d’en juger : %1.</translation>
    </message>
    <message>
        <source>%1: QK %2</source>
        <translation>%1 : QK %2</translation>
    </message>
    <message>
        <source>Best block size per family within the budget: %1.</source>
        <translation>Meilleure taille de bloc par famille dans le budget : %1.</translation>
    </message>
    <message>
        <source>The base is %1: the formats were measured against the weights it holds.</source>
        <translation>La base est en %1 : les formats ont été mesurés par rapport aux poids qu’elle contient.</translation>
    </message>
    <message>
        <source>Report saved in %1</source>
        <translation>Rapport enregistré dans %1</translation>
    </message>
    <message>
        <source>The lab stopped.</source>
        <translation>Le labo s’est arrêté.</translation>
    </message>
    <message>
        <source>Cancelled before the end: no recommendation.</source>
        <translation>Annulé avant la fin : pas de recommandation.</translation>
    </message>
    <message>
        <source>The lab did not finish: no recommendation.</source>
        <translation>Le labo n’a pas terminé : pas de recommandation.</translation>
    </message>
    <message>
        <source>Run the lab first.</source>
        <translation>Lancez d’abord le labo.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Choose a file name ending in .pdf, .html or .md.</source>
        <translation>Choisissez un nom de fichier se terminant par .pdf, .html ou .md.</translation>
    </message>
    <message>
        <source>Block-size lab report</source>
        <translation>Rapport du labo de taille de bloc</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d’écrire %1.</translation>
    </message>
    <message>
        <source>Save the lab report</source>
        <translation>Enregistrer le rapport du labo</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML page (*.html);;Markdown (*.md)</source>
        <translation>PDF (*.pdf);;Page HTML (*.html);;Markdown (*.md)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Formats: %1 · quality evaluations: at most %2</source>
        <translation>Formats : %1 · évaluations de qualité : au plus %2</translation>
    </message>
    <message>
        <source>Every format measured; now evaluating the points the strategies choose on the model…</source>
        <translation>Tous les formats mesurés ; évaluation sur le modèle des points que les stratégies choisissent…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended: %1&lt;/b&gt; — %2 bits per weight, KL divergence %3 ± %4, perplexity %5 (the base: %6): the lowest divergence evaluated within %7 bits per weight (formats evaluated: %8).</source>
        <translation>&lt;b&gt;Recommandé : %1&lt;/b&gt; — %2 bits par poids, divergence KL %3 ± %4, perplexité %5 (la base : %6) : la plus faible divergence évaluée dans %7 bits par poids (formats évalués : %8).</translation>
    </message>
    <message>
        <source>any</source>
        <translation>quelconque</translation>
    </message>
    <message>
        <source> GB/s</source>
        <translation> Go/s</translation>
    </message>
    <message>
        <source>Dot-product speed at least</source>
        <translation>Vitesse du produit scalaire au moins</translation>
    </message>
    <message>
        <source>Optionally also: a dot product at least this fast on this CPU&apos;s fastest instruction set (any: no limit)</source>
        <translation>En option aussi : un produit scalaire au moins aussi rapide sur le jeu d’instructions le plus rapide de ce processeur (quelconque : sans limite)</translation>
    </message>
    <message>
        <source>At least speed:</source>
        <translation>Vitesse au moins :</translation>
    </message>
    <message>
        <source>No evaluated format has at most %1 bits per weight and a dot product of at least %2 GB/s. Relax a limit or allow more evaluations.</source>
        <translation>Aucun format évalué n’a au plus %1 bits par poids et un produit scalaire d’au moins %2 Go/s. Assouplissez une limite ou autorisez plus d’évaluations.</translation>
    </message>
    <message>
        <source>Its dot product runs at %1 GB/s here (asked: at least %2).</source>
        <translation>Son produit scalaire tourne ici à %1 Go/s (demandé : au moins %2).</translation>
    </message>
</context>
<context>
    <name>qd::ui::LabPointsModel</name>
    <message>
        <source>The recommendation: the lowest KL divergence evaluated within the size budget</source>
        <translation>La recommandation : la plus faible divergence KL évaluée dans le budget de taille</translation>
    </message>
    <message>
        <source>Within one standard error of the recommendation</source>
        <translation>À moins d’une erreur type de la recommandation</translation>
    </message>
    <message>
        <source>%1 (recommended)</source>
        <translation>%1 (recommandé)</translation>
    </message>
    <message>
        <source>%1 (within 1 s.e.)</source>
        <translation>%1 (à 1 e.t.)</translation>
    </message>
    <message>
        <source>row</source>
        <translation>ligne</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 dans %2</translation>
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
        <translation>Bits par poids exacts des blocs sérialisés sur les matrices de poids du modèle (échelles, minimums, remplissage)</translation>
    </message>
    <message>
        <source>Root mean square error of every weight after quantizing and dequantizing</source>
        <translation>Erreur quadratique moyenne de chaque poids après quantification et déquantification</translation>
    </message>
    <message>
        <source>99th percentile of the absolute weight error</source>
        <translation>99e centile de l’erreur absolue des poids</translation>
    </message>
    <message>
        <source>Mean KL divergence from the base model on the evaluation text, with its standard error</source>
        <translation>Divergence KL moyenne par rapport au modèle de base sur le texte d’évaluation, avec son erreur type</translation>
    </message>
    <message>
        <source>How often the most likely next token is the base model&apos;s</source>
        <translation>À quelle fréquence le jeton suivant le plus probable est celui du modèle de base</translation>
    </message>
    <message>
        <source>The lab&apos;s dot product in this layout: weight bytes read per second, median of repeated runs (± half the spread)</source>
        <translation>Le produit scalaire du labo dans cette disposition : octets de poids lus par seconde, médiane de mesures répétées (± la moitié de l’écart)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Famille</translation>
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
        <translation>Bits/poids</translation>
    </message>
    <message>
        <source>Weight RMSE</source>
        <translation>RMSE des poids</translation>
    </message>
    <message>
        <source>Error p99</source>
        <translation>Erreur p99</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>Divergence KL</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexité</translation>
    </message>
    <message>
        <source>Same top</source>
        <translation>Même tête</translation>
    </message>
    <message>
        <source>%1 GB/s</source>
        <translation>%1 Go/s</translation>
    </message>
    <message>
        <source>Scalar</source>
        <translation>Scalaire</translation>
    </message>
    <message>
        <source>Weight matrices whose row width the block (or super-block) does not divide: their last block is padded with zeros, and the padding is counted in the bits per weight</source>
        <translation>Matrices de poids dont le bloc (ou le super-bloc) ne divise pas la largeur de ligne : leur dernier bloc est complété par des zéros, et ce remplissage compte dans les bits par poids</translation>
    </message>
    <message>
        <source>Padded</source>
        <translation>Complétées</translation>
    </message>
</context>
<context>
    <name>qd::ui::MachineDialog</name>
    <message>
        <source>This Machine</source>
        <translation>Cette machine</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU :</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads :</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire :</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vulkan devices&lt;/b&gt; (for GPU layers in the chat and evaluation settings)</source>
        <translation>&lt;b&gt;Périphériques Vulkan&lt;/b&gt; (pour les couches GPU dans les réglages du chat et de l’évaluation)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>QuantDesk uses it</source>
        <translation>Utilisé par QuantDesk</translation>
    </message>
    <message>
        <source>Vulkan devices</source>
        <translation>Périphériques Vulkan</translation>
    </message>
    <message>
        <source>List Again</source>
        <translation>Lister à nouveau</translation>
    </message>
    <message>
        <source>Ask the Vulkan drivers again (after installing a driver or plugging in a GPU)</source>
        <translation>Interroger à nouveau les pilotes Vulkan (après l’installation d’un pilote ou l’ajout d’un GPU)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy all of this as text, for a bug report</source>
        <translation>Copier tout ceci en texte, pour un rapport de bogue</translation>
    </message>
    <message>
        <source>%1 installed, %2 free now</source>
        <translation>%1 installée, %2 libre maintenant</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>No: %1</source>
        <translation>Non : %1</translation>
    </message>
    <message>
        <source>Yes, the best one here</source>
        <translation>Oui, le meilleur ici</translation>
    </message>
    <message>
        <source>When chosen: a CPU implementation, slower than QuantDesk&apos;s own CPU kernels</source>
        <translation>Si choisi : une implémentation sur CPU, plus lente que les noyaux CPU de QuantDesk</translation>
    </message>
    <message>
        <source>When chosen</source>
        <translation>Si choisi</translation>
    </message>
    <message>
        <source>%1 (Vulkan %2)</source>
        <translation>%1 (Vulkan %2)</translation>
    </message>
    <message>
        <source>Asking the Vulkan drivers…</source>
        <translation>Interrogation des pilotes Vulkan…</translation>
    </message>
    <message>
        <source>No GPU offload: %1. Models run on the CPU.</source>
        <translation>Pas de déchargement sur GPU : %1. Les modèles tournent sur le CPU.</translation>
    </message>
    <message>
        <source>No Vulkan device: no driver reports one. Models run on the CPU.</source>
        <translation>Aucun périphérique Vulkan : aucun pilote n’en signale. Les modèles tournent sur le CPU.</translation>
    </message>
    <message>
        <source>Layers go to the device marked as the best one unless a setting names another.</source>
        <translation>Les couches vont au périphérique marqué comme le meilleur, sauf si un réglage en nomme un autre.</translation>
    </message>
    <message>
        <source>No GPU here is used unless chosen: the devices listed are CPU implementations or cannot run QuantDesk&apos;s shaders.</source>
        <translation>Aucun GPU n’est utilisé ici sans être choisi : les périphériques listés sont des implémentations sur CPU ou ne peuvent pas exécuter les shaders de QuantDesk.</translation>
    </message>
    <message>
        <source>CPU: %1</source>
        <translation>CPU : %1</translation>
    </message>
    <message>
        <source>Threads: %1</source>
        <translation>Threads : %1</translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>Mémoire : %1</translation>
    </message>
    <message>
        <source>Vulkan device %1</source>
        <translation>Périphérique Vulkan %1</translation>
    </message>
</context>
<context>
    <name>qd::ui::MachineInfo</name>
    <message>
        <source>discrete GPU</source>
        <translation>GPU dédié</translation>
    </message>
    <message>
        <source>integrated GPU</source>
        <translation>GPU intégré</translation>
    </message>
    <message>
        <source>virtual GPU</source>
        <translation>GPU virtuel</translation>
    </message>
    <message>
        <source>CPU implementation</source>
        <translation>implémentation sur CPU</translation>
    </message>
    <message>
        <source>other device</source>
        <translation>autre périphérique</translation>
    </message>
    <message>
        <source>the list of GPUs was cancelled</source>
        <translation>la liste des GPU a été annulée</translation>
    </message>
    <message>
        <source>List the GPUs</source>
        <translation>Lister les GPU</translation>
    </message>
    <message>
        <source>Asking the Vulkan drivers</source>
        <translation>Interrogation des pilotes Vulkan</translation>
    </message>
    <message numerus="yes">
        <source>%n Vulkan device(s) found</source>
        <translation>
            <numerusform>%n périphérique Vulkan trouvé</numerusform>
            <numerusform>%n périphériques Vulkan trouvés</numerusform>
        </translation>
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
    <message>
        <source>Import to GGUF</source>
        <translation>Importer en GGUF</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modèles GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>&amp;Quantize…</source>
        <translation>&amp;Quantifier…</translation>
    </message>
    <message>
        <source>Make smaller versions of a model: choose the methods, see their sizes, run</source>
        <translation>Créer des versions plus petites d’un modèle : choisir les méthodes, voir leurs tailles, lancer</translation>
    </message>
    <message>
        <source>Model &amp;Stores</source>
        <translation>&amp;Sources de modèles</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (introuvable)</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Tâches</translation>
    </message>
    <message>
        <source>Quit QuantDesk?</source>
        <translation>Quitter QuantDesk ?</translation>
    </message>
    <message>
        <source>A job is still running.</source>
        <translation>Une tâche est encore en cours.</translation>
    </message>
    <message>
        <source>%1 jobs are still queued or running.</source>
        <translation>%1 tâches sont encore en attente ou en cours.</translation>
    </message>
    <message>
        <source>Quitting cancels them and removes their unfinished files; files already finished are kept.</source>
        <translation>Quitter les annule et supprime leurs fichiers inachevés ; les fichiers déjà terminés sont conservés.</translation>
    </message>
    <message>
        <source>Cancel Jobs and Quit</source>
        <translation>Annuler les tâches et quitter</translation>
    </message>
    <message>
        <source>Keep Running</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Stopping the jobs before quitting…</source>
        <translation>Arrêt des tâches avant de quitter…</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Discussion</translation>
    </message>
    <message>
        <source>Talk to a model on QuantDesk&apos;s engine, or put variants side by side (Ctrl+2)</source>
        <translation>Discuter avec un modèle sur le moteur de QuantDesk, ou mettre des variantes côte à côte (Ctrl+2)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>Size against quality and speed of every measured variant, and the best one for this machine (Ctrl+%1)</source>
        <translation>Taille en fonction de la qualité et vitesse de chaque variante mesurée, et la meilleure pour cette machine (Ctrl+%1)</translation>
    </message>
    <message>
        <source>&amp;Evaluate…</source>
        <translation>É&amp;valuer…</translation>
    </message>
    <message>
        <source>Measure perplexity, KL divergence and speed of model files, for the Compare page</source>
        <translation>Mesurer la perplexité, la divergence KL et la vitesse de fichiers de modèle, pour la page Comparer</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Labo</translation>
    </message>
    <message>
        <source>Which block size (QK) is best for a model on this machine, found by Bayesian optimisation (Ctrl+%1)</source>
        <translation>Quelle taille de bloc (QK) est la meilleure pour un modèle sur cette machine, trouvée par optimisation bayésienne (Ctrl+%1)</translation>
    </message>
    <message>
        <source>This &amp;Machine…</source>
        <translation>Cette &amp;machine…</translation>
    </message>
    <message>
        <source>The CPU, memory and GPUs QuantDesk can use</source>
        <translation>Le CPU, la mémoire et les GPU que QuantDesk peut utiliser</translation>
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
    <name>qd::ui::MethodsModel</name>
    <message>
        <source>%1 ✓</source>
        <translation>%1 ✓</translation>
    </message>
    <message>
        <source>%1 ✗ too much</source>
        <translation>%1 ✗ trop</translation>
    </message>
    <message>
        <source>KLD %1, ΔPPL %2 (this model)</source>
        <translation>KLD %1, ΔPPL %2 (ce modèle)</translation>
    </message>
    <message>
        <source>ΔPPL +%1 (llama.cpp, Llama-3-8B)</source>
        <translation>ΔPPL +%1 (llama.cpp, Llama-3-8B)</translation>
    </message>
    <message>
        <source>lossless</source>
        <translation>sans perte</translation>
    </message>
    <message>
        <source>practically lossless</source>
        <translation>pratiquement sans perte</translation>
    </message>
    <message>
        <source>no reference figure</source>
        <translation>pas de valeur de référence</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Recommandé</translation>
    </message>
    <message>
        <source>Low quality: noticeably worse answers</source>
        <translation>Qualité faible : réponses nettement moins bonnes</translation>
    </message>
    <message numerus="yes">
        <source>%n tensor(s) use a fallback type (row width)</source>
        <translation>
            <numerusform>%n tenseur utilise un type de repli (largeur de ligne)</numerusform>
            <numerusform>%n tenseurs utilisent un type de repli (largeur de ligne)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 bytes, computed from this model&apos;s tensors and the mix&apos;s rules</source>
        <translation>%1 octets, calculés d’après les tenseurs de ce modèle et les règles de la méthode</translation>
    </message>
    <message>
        <source>The file plus the key/value cache for %1 tokens and working buffers; this computer has %2</source>
        <translation>Le fichier, plus le cache clé/valeur pour %1 jetons et les tampons de travail ; cet ordinateur a %2</translation>
    </message>
    <message>
        <source>Measured on this model by QuantDesk: %1</source>
        <translation>Mesuré sur ce modèle par QuantDesk : %1</translation>
    </message>
    <message>
        <source>Not measured on this model yet. Reference: the perplexity increase llama-quantize lists for this method on Llama-3-8B (llama.cpp, February 2025); smaller is better.</source>
        <translation>Pas encore mesuré sur ce modèle. Référence : la hausse de perplexité qu’indique llama-quantize pour cette méthode sur Llama-3-8B (llama.cpp, février 2025) ; plus petit est meilleur.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Taille du fichier</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bits/poids</translation>
    </message>
    <message>
        <source>RAM needed</source>
        <translation>RAM nécessaire</translation>
    </message>
    <message>
        <source>Expected quality</source>
        <translation>Qualité attendue</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
</context>
<context>
    <name>qd::ui::MethodsPage</name>
    <message>
        <source>Choose the quantization methods</source>
        <translation>Choisir les méthodes de quantification</translation>
    </message>
    <message>
        <source>Sizes are exact for this model, computed before anything runs. Tick one or more methods; each becomes its own file.</source>
        <translation>Les tailles sont exactes pour ce modèle, calculées avant tout lancement. Cochez une ou plusieurs méthodes ; chacune devient son propre fichier.</translation>
    </message>
    <message>
        <source>Select:</source>
        <translation>Sélection :</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Recommandé</translation>
    </message>
    <message>
        <source>Q4_K_M and Q5_K_M: the usual best trade-offs of size and quality</source>
        <translation>Q4_K_M et Q5_K_M : en général les meilleurs compromis taille/qualité</translation>
    </message>
    <message>
        <source>All K-quants</source>
        <translation>Tous les K-quants</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Context for RAM:</source>
        <translation>Contexte pour la RAM :</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> jetons</translation>
    </message>
    <message>
        <source>The RAM column adds the key/value cache for this many tokens of conversation</source>
        <translation>La colonne RAM ajoute le cache clé/valeur pour ce nombre de jetons de conversation</translation>
    </message>
    <message>
        <source>Or pick for me:</source>
        <translation>Ou choisir pour moi :</translation>
    </message>
    <message>
        <source>file size at most</source>
        <translation>taille de fichier au plus</translation>
    </message>
    <message>
        <source>RAM at most</source>
        <translation>RAM au plus</translation>
    </message>
    <message>
        <source>e.g. 4.5 GB</source>
        <translation>p. ex. 4,5 Go</translation>
    </message>
    <message>
        <source>Select the best that fits</source>
        <translation>Choisir la meilleure qui tient</translation>
    </message>
    <message>
        <source>Type a size such as 4 GB or 3500 MB.</source>
        <translation>Saisissez une taille comme 4 GB ou 3500 MB.</translation>
    </message>
    <message>
        <source>Nothing fits in %1; the smallest method needs more.</source>
        <translation>Rien ne tient dans %1 ; la plus petite méthode demande davantage.</translation>
    </message>
    <message>
        <source>%1: the largest that fits, %2 of RAM</source>
        <translation>%1 : la plus grande qui tient, %2 de RAM</translation>
    </message>
    <message>
        <source>%1: the largest that fits, %2</source>
        <translation>%1 : la plus grande qui tient, %2</translation>
    </message>
    <message>
        <source>Nothing selected.</source>
        <translation>Rien de sélectionné.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1 in all</source>
        <translation>
            <numerusform>%n fichier, %1 au total</numerusform>
            <numerusform>%n fichiers, %1 au total</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 free in %2</source>
        <translation>%1 libres dans %2</translation>
    </message>
    <message>
        <source>: not enough space</source>
        <translation> : place insuffisante</translation>
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
    <message>
        <source>A Hugging Face checkpoint folder: %1.

%2</source>
        <translation>Un dossier de checkpoint Hugging Face : %1.

%2</translation>
    </message>
    <message>
        <source>Its GGUF metadata and tensors exist once it is imported: right-click the row for Import to GGUF… or Quantize…</source>
        <translation>Ses métadonnées et tenseurs GGUF existent une fois importé : clic droit sur la ligne pour « Importer en GGUF… » ou « Quantifier… »</translation>
    </message>
    <message>
        <source>QuantDesk cannot import it: %1</source>
        <translation>QuantDesk ne peut pas l’importer : %1</translation>
    </message>
    <message>
        <source>%1 (%2 bytes) of safetensors</source>
        <translation>%1 (%2 octets) de safetensors</translation>
    </message>
    <message>
        <source>After importing it (Import to GGUF… or Quantize…)</source>
        <translation>Après import (« Importer en GGUF… » ou « Quantifier… »)</translation>
    </message>
    <message>
        <source>None · chat uses %1</source>
        <translation>Aucun · la discussion utilise %1</translation>
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
    <message>
        <source>Hugging Face checkpoint · import to run it</source>
        <translation>Checkpoint Hugging Face · à importer pour l’exécuter</translation>
    </message>
    <message>
        <source>Cannot import: %1</source>
        <translation>Import impossible : %1</translation>
    </message>
    <message>
        <source>A Hugging Face checkpoint (safetensors). Import… or Quantize… turns it into GGUF files QuantDesk and llama.cpp run.</source>
        <translation>Un checkpoint Hugging Face (safetensors). Importer ou Quantifier en fait des fichiers GGUF que QuantDesk et llama.cpp exécutent.</translation>
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
    <message>
        <source>Quantize…</source>
        <translation>Quantifier…</translation>
    </message>
    <message>
        <source>Make smaller versions of the selected model: see each method&apos;s size, then run (Ctrl+K)</source>
        <translation>Créer des versions plus petites du modèle choisi : voir la taille de chaque méthode, puis lancer (Ctrl+K)</translation>
    </message>
    <message>
        <source>%1, found by QuantDesk (switch it off in File ▸ Model Stores)</source>
        <translation>%1, trouvé par QuantDesk (désactivable dans Fichier ▸ Sources de modèles)</translation>
    </message>
    <message>
        <source>Move to trash?</source>
        <translation>Mettre à la corbeille ?</translation>
    </message>
    <message>
        <source>Move %1 (%2) to the trash?</source>
        <translation>Mettre %1 (%2) à la corbeille ?</translation>
    </message>
    <message>
        <source>Not moved</source>
        <translation>Non déplacé</translation>
    </message>
    <message>
        <source>%1 could not be moved to the trash (no trash on this drive, or no permission).</source>
        <translation>%1 n’a pas pu être mis à la corbeille (pas de corbeille sur ce disque ou pas de droits).</translation>
    </message>
    <message>
        <source>Import to GGUF…</source>
        <translation>Importer en GGUF…</translation>
    </message>
    <message>
        <source>Move to trash…</source>
        <translation>Mettre à la corbeille…</translation>
    </message>
    <message>
        <source>Chat with this model</source>
        <translation>Discuter avec ce modèle</translation>
    </message>
    <message>
        <source>Evaluate…</source>
        <translation>Évaluer…</translation>
    </message>
    <message>
        <source>Measure perplexity, KL divergence and speed of model files, for the Compare page</source>
        <translation>Mesurer la perplexité, la divergence KL et la vitesse de fichiers de modèle, pour la page Comparer</translation>
    </message>
</context>
<context>
    <name>qd::ui::NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>qd::ui::OptionsPage</name>
    <message>
        <source>Where to write, and how</source>
        <translation>Où et comment écrire</translation>
    </message>
    <message>
        <source>Each output is written to a temporary file and renamed when complete, so a failure or a cancel never leaves a half-written model.</source>
        <translation>Chaque sortie est écrite dans un fichier temporaire renommé une fois complet : un échec ou une annulation ne laisse jamais de modèle à moitié écrit.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>{name}: the model&apos;s name, {mix}: the method, {arch}: the architecture, {params}: its size, such as 7B</source>
        <translation>{name} : le nom du modèle, {mix} : la méthode, {arch} : l’architecture, {params} : sa taille, p. ex. 7B</translation>
    </message>
    <message>
        <source>File names:</source>
        <translation>Noms de fichiers :</translation>
    </message>
    <message>
        <source>Stop and tell me</source>
        <translation>Arrêter et me prévenir</translation>
    </message>
    <message>
        <source>Replace it</source>
        <translation>Le remplacer</translation>
    </message>
    <message>
        <source>Keep it; add a number to the new name</source>
        <translation>Le garder ; ajouter un numéro au nouveau nom</translation>
    </message>
    <message>
        <source>If a file exists:</source>
        <translation>Si un fichier existe :</translation>
    </message>
    <message>
        <source>Worker threads for quantizing; the output is the same for any number</source>
        <translation>Threads de quantification ; la sortie est identique quel que soit leur nombre</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads :</translation>
    </message>
    <message>
        <source>Advanced: tensor types</source>
        <translation>Avancé : types de tenseurs</translation>
    </message>
    <message>
        <source>Pure: every matrix in the method&apos;s main type (no extra bits for chosen tensors)</source>
        <translation>Pur : chaque matrice dans le type principal de la méthode (pas de bits en plus pour certains tenseurs)</translation>
    </message>
    <message>
        <source>As the method decides</source>
        <translation>Selon la méthode</translation>
    </message>
    <message>
        <source>Output tensor:</source>
        <translation>Tenseur de sortie :</translation>
    </message>
    <message>
        <source>Token embeddings:</source>
        <translation>Embeddings des jetons :</translation>
    </message>
    <message>
        <source>Per-tensor overrides, one PATTERN=TYPE per line (a regular expression searched in the tensor name, e.g. attn_v=q8_0):</source>
        <translation>Types imposés par tenseur, un MOTIF=TYPE par ligne (une expression régulière cherchée dans le nom du tenseur, p. ex. attn_v=q8_0) :</translation>
    </message>
    <message>
        <source>Preview for:</source>
        <translation>Aperçu pour :</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tenseur</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Evaluate after quantizing</source>
        <translation>Évaluer après la quantification</translation>
    </message>
    <message>
        <source>Plain text the model has not been trained on; the bundled one is held-out Shakespeare</source>
        <translation>Texte brut sur lequel le modèle n’a pas été entraîné ; celui fourni est du Shakespeare mis de côté</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Texte :</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> jetons</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Contexte :</translation>
    </message>
    <message>
        <source>the whole text</source>
        <translation>tout le texte</translation>
    </message>
    <message>
        <source>Chunks of the context&apos;s length to score; fewer is faster, more is more precise</source>
        <translation>Segments de la longueur du contexte à évaluer ; moins est plus rapide, plus est plus précis</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>Au plus :</translation>
    </message>
    <message>
        <source>Perplexity and KL divergence against the source (one pass over the text)</source>
        <translation>Perplexité et divergence KL par rapport à la source (un passage sur le texte)</translation>
    </message>
    <message>
        <source>Measures:</source>
        <translation>Mesure :</translation>
    </message>
    <message>
        <source>Speed (prompt and generation tokens per second)</source>
        <translation>Vitesse (jetons de prompt et de génération par seconde)</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>Texte d’évaluation</translation>
    </message>
    <message>
        <source>Text (*.txt *.md *.raw);;All files (*)</source>
        <translation>Texte (*.txt *.md *.raw);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Results go to the results database, so the Models page and later comparisons show them.</source>
        <translation>Les résultats vont dans la base de résultats : la page Modèles et les comparaisons suivantes les affichent.</translation>
    </message>
    <message>
        <source>Not available: QuantDesk cannot run this model yet (%1).</source>
        <translation>Indisponible : QuantDesk ne sait pas encore exécuter ce modèle (%1).</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>existe</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Choisissez un dossier.</translation>
    </message>
    <message>
        <source>This folder does not exist.</source>
        <translation>Ce dossier n’existe pas.</translation>
    </message>
    <message>
        <source>You cannot write in this folder; choose another.</source>
        <translation>Vous ne pouvez pas écrire dans ce dossier ; choisissez-en un autre.</translation>
    </message>
    <message>
        <source>%1 free; the selected outputs need %2</source>
        <translation>%1 libres ; les sorties choisies demandent %2</translation>
    </message>
    <message>
        <source>%1 with these settings: %2 bytes (%3)</source>
        <translation>%1 avec ces réglages : %2 octets (%3)</translation>
    </message>
    <message>
        <source>instead of %1 without them</source>
        <translation>au lieu de %1 sans eux</translation>
    </message>
    <message>
        <source>your override</source>
        <translation>votre choix</translation>
    </message>
    <message>
        <source>fallback: its rows do not fit the method&apos;s block size</source>
        <translation>repli : ses lignes ne correspondent pas à la taille de bloc de la méthode</translation>
    </message>
    <message>
        <source>kept as it is</source>
        <translation>conservé tel quel</translation>
    </message>
    <message>
        <source>the method gives this tensor more bits</source>
        <translation>la méthode donne plus de bits à ce tenseur</translation>
    </message>
    <message>
        <source>the method&apos;s main type</source>
        <translation>le type principal de la méthode</translation>
    </message>
    <message>
        <source>Two outputs with one name</source>
        <translation>Deux sorties portent le même nom</translation>
    </message>
    <message>
        <source>The file-name template gives two methods the same name (%1). Put {mix} in it.</source>
        <translation>Le modèle de nom de fichier donne le même nom à deux méthodes (%1). Ajoutez-y {mix}.</translation>
    </message>
    <message>
        <source>Output would replace the source</source>
        <translation>La sortie remplacerait la source</translation>
    </message>
    <message>
        <source>%1 is the source itself. Choose another name or folder.</source>
        <translation>%1 est la source elle-même. Choisissez un autre nom ou dossier.</translation>
    </message>
    <message>
        <source>Files exist</source>
        <translation>Des fichiers existent</translation>
    </message>
    <message>
        <source>These files exist already: %1. Choose another name, or choose what to do when a file exists.</source>
        <translation>Ces fichiers existent déjà : %1. Choisissez un autre nom, ou ce qu’il faut faire si un fichier existe.</translation>
    </message>
    <message>
        <source>Not enough space</source>
        <translation>Place insuffisante</translation>
    </message>
    <message>
        <source>The outputs need %1 but %2 is free. Quantizing will stop with a &quot;disk full&quot; message when it runs out. Start anyway?</source>
        <translation>Les sorties demandent %1 mais %2 sont libres. La quantification s’arrêtera avec « disque plein » quand la place manquera. Lancer quand même ?</translation>
    </message>
    <message>
        <source>This folder will be created; %1 free there.</source>
        <translation>Ce dossier sera créé ; %1 libres à cet endroit.</translation>
    </message>
    <message>
        <source>Cannot create the folder</source>
        <translation>Impossible de créer le dossier</translation>
    </message>
    <message>
        <source>%1 could not be created.</source>
        <translation>%1 n’a pas pu être créé.</translation>
    </message>
    <message>
        <source>Importance matrix</source>
        <translation>Matrice d’importance</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Compute from a calibration text</source>
        <translation>Calculer à partir d’un texte de calibration</translation>
    </message>
    <message>
        <source>Use an imatrix file</source>
        <translation>Utiliser un fichier imatrix</translation>
    </message>
    <message>
        <source>Which weights matter most, measured on sample text: the quantizers spend their precision there, which helps most below 4 bits. The same as llama-quantize --imatrix.</source>
        <translation>Les poids qui comptent le plus, mesurés sur un texte d’exemple : les quantificateurs y mettent leur précision, ce qui aide surtout sous 4 bits. Comme llama-quantize --imatrix.</translation>
    </message>
    <message>
        <source>Use:</source>
        <translation>Utiliser :</translation>
    </message>
    <message>
        <source>Text like what the model will see; not the text you evaluate on. The bundled one is a slice of the demo model&apos;s training text.</source>
        <translation>Un texte comme celui que verra le modèle ; pas celui de l’évaluation. Celui fourni est un extrait du texte d’entraînement du modèle de démonstration.</translation>
    </message>
    <message>
        <source>Tokens per chunk, as llama-imatrix&apos;s -c</source>
        <translation>Jetons par bloc, comme -c de llama-imatrix</translation>
    </message>
    <message>
        <source>at most </source>
        <translation>au plus </translation>
    </message>
    <message>
        <source>Chunks of the text to use (llama-imatrix&apos;s --chunks)</source>
        <translation>Blocs du texte à utiliser (--chunks de llama-imatrix)</translation>
    </message>
    <message>
        <source>Calibration text:</source>
        <translation>Texte de calibration :</translation>
    </message>
    <message>
        <source>An imatrix file of this model (llama-imatrix&apos;s or QuantDesk&apos;s)</source>
        <translation>Un fichier imatrix de ce modèle (de llama-imatrix ou de QuantDesk)</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier :</translation>
    </message>
    <message>
        <source>Calibration text</source>
        <translation>Texte de calibration</translation>
    </message>
    <message>
        <source>Importance matrices (*.dat *.imatrix);;All files (*)</source>
        <translation>Matrices d’importance (*.dat *.imatrix);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Quantized as llama-quantize does without --imatrix.</source>
        <translation>Quantifié comme llama-quantize sans --imatrix.</translation>
    </message>
    <message>
        <source>Computed once before the variants (a job of its own) and kept, so other runs of this source and text reuse it.</source>
        <translation>Calculée une fois avant les variantes (une tâche à part) et gardée, pour que les autres exécutions de cette source et de ce texte la réutilisent.</translation>
    </message>
    <message>
        <source>Checked against this model&apos;s tensors when you press Start.</source>
        <translation>Vérifiée avec les tenseurs de ce modèle quand vous cliquez sur Lancer.</translation>
    </message>
    <message>
        <source>Checked: it fits this model.</source>
        <translation>Vérifiée : elle correspond à ce modèle.</translation>
    </message>
    <message>
        <source>This importance matrix cannot be used</source>
        <translation>Cette matrice d’importance ne peut pas être utilisée</translation>
    </message>
</context>
<context>
    <name>qd::ui::QualityChart</name>
    <message>
        <source>mean KL divergence</source>
        <translation>divergence KL moyenne</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>perplexité</translation>
    </message>
    <message>
        <source>perplexity change</source>
        <translation>variation de perplexité</translation>
    </message>
    <message>
        <source>ln(PPL ratio)</source>
        <translation>ln(rapport de PPL)</translation>
    </message>
    <message>
        <source>same-top-token rate</source>
        <translation>taux de même jeton de tête</translation>
    </message>
    <message>
        <source>%1 — Pareto front</source>
        <translation>%1 — front de Pareto</translation>
    </message>
    <message>
        <source>Nothing measured fits in %1 at a context of %2 tokens: the smallest, %3, needs %4. Lower the context or make a smaller variant.</source>
        <translation>Rien de mesuré ne tient dans %1 à un contexte de %2 jetons : la plus petite, %3, demande %4. Réduisez le contexte ou créez une variante plus petite.</translation>
    </message>
    <message numerus="yes">
        <source>None of the %n variant(s) that fit generates %1 tokens/s here; the fastest, %2, makes %3.</source>
        <translation>
            <numerusform>La %n variante qui tient ne génère pas %1 jetons/s ici ; la plus rapide, %2, fait %3.</numerusform>
            <numerusform>Aucune des %n variantes qui tiennent ne génère %1 jetons/s ici ; la plus rapide, %2, fait %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of the %n variant(s) that fit has a measured speed: evaluate them with speed on to choose by a minimum speed.</source>
        <translation>
            <numerusform>La %n variante qui tient n’a pas de vitesse mesurée : évaluez-la avec la vitesse pour choisir selon une vitesse minimale.</numerusform>
            <numerusform>Aucune des %n variantes qui tiennent n’a de vitesse mesurée : évaluez-les avec la vitesse pour choisir selon une vitesse minimale.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing measured yet: choose files on the Models page and click Evaluate…, or evaluate the variants in the quantization wizard.</source>
        <translation>Rien n’est encore mesuré : choisissez des fichiers dans la page Modèles et cliquez sur Évaluer…, ou évaluez les variantes dans l’assistant de quantification.</translation>
    </message>
    <message>
        <source>No variant has a %1 yet: evaluate them against their unquantized model.</source>
        <translation>Aucune variante n’a encore de valeur pour %1 : évaluez-les par rapport à leur modèle non quantifié.</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Recommandé</translation>
    </message>
    <message>
        <source>fits in %1 (%2) ▸</source>
        <translation>tient dans %1 (%2) ▸</translation>
    </message>
    <message>
        <source>fits in %1 at context %2 ▸</source>
        <translation>tient dans %1 au contexte %2 ▸</translation>
    </message>
    <message>
        <source>File size (GiB)</source>
        <translation>Taille du fichier (Gio)</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bits par poids</translation>
    </message>
    <message>
        <source>Mean KL divergence (nats/token; whisker: 99th percentile)</source>
        <translation>Divergence KL moyenne (nats/jeton ; moustache : 99e centile)</translation>
    </message>
    <message>
        <source>Perplexity (± error)</source>
        <translation>Perplexité (± erreur)</translation>
    </message>
    <message>
        <source>Perplexity change (% of the base&apos;s)</source>
        <translation>Variation de perplexité (% de celle de la base)</translation>
    </message>
    <message>
        <source>ln(PPL / PPL of the base)</source>
        <translation>ln(PPL / PPL de la base)</translation>
    </message>
    <message>
        <source>Same top token as the base (%)</source>
        <translation>Même jeton de tête que la base (%)</translation>
    </message>
    <message>
        <source>Size %1, %2 bits per weight</source>
        <translation>Taille %1, %2 bits par poids</translation>
    </message>
    <message>
        <source>Perplexity %1 ± %2</source>
        <translation>Perplexité %1 ± %2</translation>
    </message>
    <message>
        <source>KL divergence %1 (99th percentile %2)</source>
        <translation>Divergence KL %1 (99e centile %2)</translation>
    </message>
    <message>
        <source>Same top token %1 %, ΔPPL %2 %</source>
        <translation>Même jeton de tête %1 %, ΔPPL %2 %</translation>
    </message>
    <message numerus="yes">
        <source>%1 tokens/s prompt, %2 tokens/s generation (%n thread(s))</source>
        <translation>
            <numerusform>%1 jetons/s prompt, %2 jetons/s génération (%n thread)</numerusform>
            <numerusform>%1 jetons/s prompt, %2 jetons/s génération (%n threads)</numerusform>
        </translation>
    </message>
    <message>
        <source>Needs %1 at a context of %2 tokens</source>
        <translation>Demande %1 à un contexte de %2 jetons</translation>
    </message>
    <message numerus="yes">
        <source>Arena: won %1 % of %n round(s)</source>
        <translation>
            <numerusform>Arène : %1 % de %n manche gagnés</numerusform>
            <numerusform>Arène : %1 % de %n manches gagnés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Take %1 (%2): %3 %4, the best of the %n variant(s) measured.</source>
        <translation>
            <numerusform>Prenez %1 (%2) : %3 %4, la meilleure de %n variante mesurée.</numerusform>
            <numerusform>Prenez %1 (%2) : %3 %4, la meilleure des %n variantes mesurées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Take %1 (%2): %3 %4, the best of the %n variant(s) that fit in %5 at a context of %6 tokens.</source>
        <translation>
            <numerusform>Prenez %1 (%2) : %3 %4, la meilleure de %n variante qui tient dans %5 à un contexte de %6 jetons.</numerusform>
            <numerusform>Prenez %1 (%2) : %3 %4, la meilleure des %n variantes qui tiennent dans %5 à un contexte de %6 jetons.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Take %1 (%2): %3 %4, the best of the %n variant(s) that fit in %5 at a context of %6 tokens and generate at least %7 tokens/s.</source>
        <translation>
            <numerusform>Prenez %1 (%2) : %3 %4, la meilleure de %n variante qui tient dans %5 à un contexte de %6 jetons et génère au moins %7 jetons/s.</numerusform>
            <numerusform>Prenez %1 (%2) : %3 %4, la meilleure des %n variantes qui tiennent dans %5 à un contexte de %6 jetons et génèrent au moins %7 jetons/s.</numerusform>
        </translation>
    </message>
    <message>
        <source>File size (MiB)</source>
        <translation>Taille du fichier (Mio)</translation>
    </message>
    <message>
        <source>Its perplexity is within the error (±%1) of the base&apos;s, as close variants&apos; are: the KL divergence tells them apart.</source>
        <translation>Sa perplexité est dans la marge d’erreur (±%1) de celle de la base, comme pour les variantes proches : la divergence KL les départage.</translation>
    </message>
</context>
<context>
    <name>qd::ui::QuantizeJobs</name>
    <message numerus="yes">
        <source>Measured %n variant(s); the results are in the results database.</source>
        <translation>
            <numerusform>%n variante mesurée ; les résultats sont dans la base de résultats.</numerusform>
            <numerusform>%n variantes mesurées ; les résultats sont dans la base de résultats.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::ui::QuantizeWizard</name>
    <message>
        <source>Quantize a model</source>
        <translation>Quantifier un modèle</translation>
    </message>
</context>
<context>
    <name>qd::ui::RunPage</name>
    <message>
        <source>Quantizing</source>
        <translation>Quantification</translation>
    </message>
    <message>
        <source>You can close this window: the jobs keep running, and the Jobs button in the status bar shows them.</source>
        <translation>Vous pouvez fermer cette fenêtre : les tâches continuent, et le bouton Tâches de la barre d’état les affiche.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>&lt;b&gt;Overall&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ensemble&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Tout annuler</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Open the Jobs panel (logs)</source>
        <translation>Ouvrir le panneau des tâches (journaux)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop this job; its unfinished file is removed, the others go on</source>
        <translation>Arrêter cette tâche ; son fichier inachevé est supprimé, les autres continuent</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>encore %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>, %1 MB/s</source>
        <translation>, %1 Mo/s</translation>
    </message>
    <message>
        <source>%1: %2%3, %4 elapsed</source>
        <translation>%1 : %2%3, %4 écoulés</translation>
    </message>
    <message>
        <source>All jobs have ended. Next shows the results.</source>
        <translation>Toutes les tâches sont finies. Suivant affiche les résultats.</translation>
    </message>
</context>
<context>
    <name>qd::ui::SaveFile</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>qd::ui::SourcePage</name>
    <message>
        <source>Choose the model to quantize</source>
        <translation>Choisir le modèle à quantifier</translation>
    </message>
    <message>
        <source>A GGUF file, a Hugging Face model folder (safetensors + config.json + tokenizer) or a llama2.c checkpoint. Folders and checkpoints are imported to F16 first.</source>
        <translation>Un fichier GGUF, un dossier de modèle Hugging Face (safetensors + config.json + tokenizer) ou un checkpoint llama2.c. Les dossiers et checkpoints sont d’abord importés en F16.</translation>
    </message>
    <message>
        <source>From the library:</source>
        <translation>Depuis la bibliothèque :</translation>
    </message>
    <message>
        <source>Or a path:</source>
        <translation>Ou un chemin :</translation>
    </message>
    <message>
        <source>Path of a .gguf file, a model folder or a llama2.c .bin</source>
        <translation>Chemin d’un fichier .gguf, d’un dossier de modèle ou d’un .bin llama2.c</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Fichier…</translation>
    </message>
    <message>
        <source>Choose a GGUF file or a llama2.c checkpoint</source>
        <translation>Choisir un fichier GGUF ou un checkpoint llama2.c</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <source>Choose a Hugging Face model folder</source>
        <translation>Choisir un dossier de modèle Hugging Face</translation>
    </message>
    <message>
        <source>Quantize it anyway: I understand the results are worse than quantizing the original F16/BF16/F32 model</source>
        <translation>Le quantifier quand même : je comprends que le résultat est moins bon qu’à partir du modèle F16/BF16/F32 d’origine</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>Choisir un fichier de modèle</translation>
    </message>
    <message>
        <source>Models (*.gguf *.bin);;All files (*)</source>
        <translation>Modèles (*.gguf *.bin);;Tous les fichiers (*)</translation>
    </message>
    <message numerus="yes">
        <source>Choose one of your %n model(s)…</source>
        <translation>
            <numerusform>Choisir votre modèle (%n)…</numerusform>
            <numerusform>Choisir l’un de vos %n modèles…</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;i&gt;Reading %1…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Lecture de %1…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Choose a model with the buttons above, or start the wizard from a row of the Models page.</source>
        <translation>Choisissez un modèle avec les boutons ci-dessus, ou lancez l’assistant depuis une ligne de la page Modèles.</translation>
    </message>
    <message>
        <source>This source cannot be quantized.</source>
        <translation>Cette source ne peut pas être quantifiée.</translation>
    </message>
    <message>
        <source>GGUF file (%1)</source>
        <translation>Fichier GGUF (%1)</translation>
    </message>
    <message>
        <source>Hugging Face checkpoint; imported to F16 first</source>
        <translation>Checkpoint Hugging Face ; d’abord importé en F16</translation>
    </message>
    <message>
        <source>llama2.c checkpoint; imported to F16 first</source>
        <translation>Checkpoint llama2.c ; d’abord importé en F16</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Genre</translation>
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
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Measured before</source>
        <translation>Déjà mesuré</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) in the results database</source>
        <translation>
            <numerusform>%n variante dans la base de résultats</numerusform>
            <numerusform>%n variantes dans la base de résultats</numerusform>
        </translation>
    </message>
    <message>
        <source>QuantDesk can quantize this model but cannot run it yet (%1), so the outputs will not be evaluated.</source>
        <translation>QuantDesk peut quantifier ce modèle mais pas encore l’exécuter (%1) : les sorties ne seront donc pas évaluées.</translation>
    </message>
    <message>
        <source>This model is already quantized (%1).</source>
        <translation>Ce modèle est déjà quantifié (%1).</translation>
    </message>
    <message>
        <source>Quantizing it again adds the errors of both steps. Use the original F16/BF16 model if you have it; to go on anyway, tick the box below.</source>
        <translation>Le quantifier à nouveau cumule les erreurs des deux étapes. Utilisez le modèle F16/BF16 d’origine si vous l’avez ; pour continuer quand même, cochez la case ci-dessous.</translation>
    </message>
    <message>
        <source>Apply delta weights:</source>
        <translation>Appliquer des poids delta :</translation>
    </message>
    <message>
        <source>For fine-tunes published as the difference from a base model (Chimera, Vicuna v0): choose the base model&apos;s folder above and the delta&apos;s folder here.</source>
        <translation>Pour les modèles affinés publiés comme différence avec un modèle de base (Chimera, Vicuna v0) : choisissez le dossier du modèle de base ci-dessus et celui du delta ici.</translation>
    </message>
    <message>
        <source>Folder of the delta weights</source>
        <translation>Dossier des poids delta</translation>
    </message>
    <message>
        <source>Delta folder…</source>
        <translation>Dossier delta…</translation>
    </message>
    <message>
        <source>Choose the folder of the delta weights</source>
        <translation>Choisir le dossier des poids delta</translation>
    </message>
    <message>
        <source>Hugging Face base model plus delta weights from %1; imported to F16 first</source>
        <translation>Modèle de base Hugging Face plus poids delta de %1 ; importé d’abord en F16</translation>
    </message>
</context>
<context>
    <name>qd::ui::SpeedChart</name>
    <message>
        <source>Prompt (left axis)</source>
        <translation>Prompt (axe de gauche)</translation>
    </message>
    <message>
        <source>Generation (right axis)</source>
        <translation>Génération (axe de droite)</translation>
    </message>
    <message>
        <source>Prompt tokens/s</source>
        <translation>Jetons/s du prompt</translation>
    </message>
    <message>
        <source>Generation tokens/s</source>
        <translation>Jetons/s générés</translation>
    </message>
    <message>
        <source>No speed measured yet</source>
        <translation>Aucune vitesse encore mesurée</translation>
    </message>
    <message numerus="yes">
        <source>Measured on this machine with %n thread(s)</source>
        <translation>
            <numerusform>Mesuré sur cette machine avec %n thread</numerusform>
            <numerusform>Mesuré sur cette machine avec %n threads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qd::ui::SummaryPage</name>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Each output&apos;s size against the prediction, how long it took, and what the evaluation measured. The measurements are kept in the results database.</source>
        <translation>La taille de chaque sortie face à la prévision, la durée et ce que l’évaluation a mesuré. Les mesures restent dans la base de résultats.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Réel</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexité</translation>
    </message>
    <message>
        <source>KLD</source>
        <translation>KLD</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>Jetons/s</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Show in Models page</source>
        <translation>Afficher dans la page Modèles</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>%1 bytes (predicted %2)</source>
        <translation>%1 octets (prévu %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) written.</source>
        <translation>
            <numerusform>%n fichier écrit.</numerusform>
            <numerusform>%n fichiers écrits.</numerusform>
        </translation>
    </message>
    <message>
        <source>The source&apos;s perplexity on the same text: %1.</source>
        <translation>Perplexité de la source sur le même texte : %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n did not finish; the Result column says why.</source>
        <translation>
            <numerusform>%n n’a pas abouti ; la colonne Résultat dit pourquoi.</numerusform>
            <numerusform>%n n’ont pas abouti ; la colonne Résultat dit pourquoi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluation: %1</source>
        <translation>Évaluation : %1</translation>
    </message>
    <message>
        <source>Chat with…</source>
        <translation>Discuter avec…</translation>
    </message>
    <message>
        <source>Open the selected output in the Chat page</source>
        <translation>Ouvrir la sortie choisie dans la page Discussion</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <source>Send the same messages to every finished output in the Chat page and compare the answers</source>
        <translation>Envoyer les mêmes messages à chaque sortie terminée dans la page Discussion et comparer les réponses</translation>
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
