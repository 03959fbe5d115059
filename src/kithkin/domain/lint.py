"""The outreach lint: a message checked against principle 7, "treat people like people".

Each check is a small, documented heuristic over plain text (no model, no network), so a
draft can be linted in microseconds and the user can always see why a line was flagged.
The naked greeting is recognised in many languages; the other checks read English and stay
quiet on text that does not look English, rather than guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import islice

SEVERITIES = ("error", "warning", "info")

#: A first message longer than this many words gets a "too-long" warning.
FIRST_CONTACT_MAX_WORDS = 120
#: Self-focus: at least SELF_RATIO times as many self-words as you-words, and at least
#: SELF_MARGIN more (so a short note with "I" three times and "you" once is not flagged).
SELF_MARGIN = 4
SELF_RATIO = 2.0
#: The reason for writing must appear in this many opening sentences (greetings skipped).
REASON_SENTENCES = 2
#: A greeting followed by at most this many name words ("Hi Maya López!") is still bare.
MAX_NAME_WORDS = 3
#: Longer text is never a greeting on its own (keeps the check cheap on long messages).
GREETING_MAX_CHARS = 160
#: The English-only checks are skipped when at least FOREIGN_MIN common words of other
#: languages outnumber the English ones, or when most letters are not Latin.
FOREIGN_MIN = 2
#: Excerpts are cut to this many characters.
EXCERPT_CHARS = 90


@dataclass(frozen=True)
class Finding:
    """One thing to fix in a message, with the principle behind it."""

    code: str
    severity: str  # one of SEVERITIES
    message: str
    principle: str
    excerpt: str | None = None


# --------------------------------------------------------------------------- greetings


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Bare greetings by language (written as people type them; matching folds case, accents
#: and stretched letters, so "HELLOOO", "Olá" and "ola" all match).
GREETINGS: dict[str, str] = {
    "en": "hello|hi|hey|heya|hiya|howdy|yo|sup|greetings|hullo|heyo|ahoy|good morning|"
    "good afternoon|good evening|good day|morning|evening|afternoon|g'day|dear|hey hey",
    "fr": "bonjour|bonsoir|salut|coucou|allô",
    "es": "hola|buenas|buenos días|buenas tardes|buenas noches|buen día",
    "de": "hallo|servus|moin|guten tag|guten morgen|guten abend|grüß gott|grüezi|tach",
    "it": "ciao|salve|buongiorno|buonasera",
    "pt": "olá|oi|bom dia|boa tarde|boa noite|e aí",
    "nl": "hoi|hallo|hai|goedemorgen|goedemiddag|goedenavond|goedendag|dag",
    "nordic": "hej|hei|hallå|moi|terve|god morgen",
    "pl cs hu": "cześć|witam|dzień dobry|siema|ahoj|čau|dobrý den|szia|sziasztok",
    "tr el": "merhaba|selam|günaydın|γεια|γεια σου|γεια σας|καλημέρα",
    "ru uk": "привет|приветик|здравствуйте|здравствуй|добрый день|доброе утро|добрый вечер|"
    "привіт|вітаю|добрий день",
    "ar he": "مرحبا|أهلا|أهلا وسهلا|السلام عليكم|سلام|שלום|shalom",
    "hi": "नमस्ते|नमस्कार|हैलो|namaste|namaskar",
    "ja": "こんにちは|こんにちわ|こんばんは|おはよう|おはようございます|やあ|もしもし|どうも",
    "zh ko": "你好|您好|你好啊|嗨|哈喽|哈囉|早上好|早安|大家好|안녕하세요|안녕",
    "other": "xin chào|chào|halo|selamat pagi|สวัสดี|jambo|habari|mambo|sawubona|kumusta|aloha",
}
#: Small talk that carries no reason for writing.
PLEASANTRIES = (
    "how are you|how are you doing|how are u|how r u|how you doing|how have you been|"
    "how is it going|how's it going|hows it going|how are things|how's things|how's life|"
    "how's everything|what's up|whats up|wassup|what's new|long time no see|long time|"
    "hope you're well|hope you are well|hope you're doing well|hope you are doing well|"
    "i hope you're well|i hope you are well|i hope you're doing well|hope all is well|"
    "i hope all is well|hope this finds you well|i hope this finds you well|"
    "hope this message finds you well|i hope this email finds you well|happy friday|"
    "just wanted to say hi|just wanted to say hello|just saying hi|just checking in|"
    "checking in|touching base|ça va|comment ça va|comment vas-tu|comment allez-vous|"
    "qué tal|cómo estás|cómo está|wie geht's|wie geht es dir|come stai|come va|tudo bem|"
    "tudo bom|como vai|hoe gaat het|как дела|お元気ですか|你好吗|كيف حالك|आप कैसे हैं|apa kabar"
)
#: Words that may sit around a greeting without giving it content.
FILLERS = _words(
    "there all everyone everybody folks guys yall friend friends mate buddy pal stranger "
    "team you u again sir madam dr mr mrs ms mx miss prof and so oh well just it s me here "
    "this is haha hehe lol x xx xo xoxo best cheers regards kind warmly love sincerely "
    "yours san kun chan sama du tu toi vous amigo amiga amigos cher chère chers querido "
    "querida liebe lieber caro cara beste"
)
_TITLES = _words("dr mr mrs ms mx prof st")
#: Lower-case words that are never a name in "hey <name>".
_NOT_NAMES = _words("thanks thank sorry congrats coffee question quick please welcome")
_EMOTICON = re.compile(r"(?<!\w)(?:[:;=8][-'^o]?[)(\]\[dDpPoO3/\\|*]+|[xX]D+|<3+|\^_*\^)(?!\w)")
_TERMINAL = set(".!?…。！？")


def _key(word: str) -> str:
    """A word folded for matching: case, accents and stretched letters ("Heyyy" → "hey")."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    folded = "".join(c for c in folded if unicodedata.category(c) != "Mn")
    return re.sub(r"(.)\1+", r"\1", folded)


def _tokens(text: str) -> list[tuple[str, str]]:
    """(word, separator before it) pairs; a word is a run of letters, marks and digits."""
    out: list[tuple[str, str]] = []
    word: list[str] = []
    sep: list[str] = []
    for ch in _EMOTICON.sub(" ", text) + " ":
        if unicodedata.category(ch)[0] in "LMN":
            word.append(ch)
            continue
        if word:
            out.append(("".join(word), "".join(sep)))
            word, sep = [], []
        sep.append(ch)
    return out


def _phrases(*groups: str) -> dict[str, list[tuple[str, ...]]]:
    """Phrases as folded word tuples, indexed by first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for group in groups:
        for phrase in group.split("|"):
            words = tuple(_key(w) for w, _ in _tokens(phrase))
            index.setdefault(words[0], []).append(words)
    for options in index.values():
        options.sort(key=len, reverse=True)
    return index


_GREETING_PHRASES = _phrases(*GREETINGS.values(), PLEASANTRIES)
_FILLER_KEYS = frozenset(_key(w) for w in FILLERS)


def _name_like(word: str, sep: str, after: str) -> bool:
    """Could be a name: capitalised (or an uncased script, short), not after a full stop
    unless on a new line, after a dash (a signature: "Hey! – Sam") or a title ("Dr.")."""
    if any(c.isdigit() for c in word) or not word[0].isalpha():
        return False
    if _TERMINAL & set(sep) and not ("\n" in sep or set("-–—") & set(sep)) and after not in _TITLES:
        return False
    return word[0].isupper() or (word.lower() == word.upper() and len(word) <= 6)


def _greeting_only(text: str) -> bool:
    """True when the text is greetings, small talk, filler words and at most MAX_NAME_WORDS
    names, in any case, punctuation or emoji, with at least one greeting or pleasantry."""
    if len(text) > GREETING_MAX_CHARS:
        return False
    toks = _tokens(text)
    keys = [_key(w) for w, _ in toks]
    i, greeted, names, lower = 0, False, 0, 0
    while i < len(toks):
        match = next(
            (p for p in _GREETING_PHRASES.get(keys[i], ()) if tuple(keys[i : i + len(p)]) == p),
            None,
        )
        if match:
            greeted, i = True, i + len(match)
            continue
        if keys[i] not in _FILLER_KEYS:
            word, sep = toks[i]
            names += 1
            if names > MAX_NAME_WORDS:
                return False
            if not _name_like(word, sep, keys[i - 1] if i else ""):
                # "hey maya": one lower-case word right after the greeting may be a name
                lower += 1
                common = word.lower() in _NOT_NAMES or word.lower() in ENGLISH
                if lower > 1 or not greeted or common or _TERMINAL & set(sep):
                    return False
        i += 1
    return greeted


# --------------------------------------------------------------------------- English cues

_I = re.IGNORECASE
#: Open-ended asks for someone's free thinking ("pick your brain" and its cousins).
_PICK_BRAIN = re.compile(
    r"\bpick(?:ing)?\s+(?:at\s+)?(?:your|ur|yr|ya)\s+brains?\b|\bbrain[\s-]?pick"
    r"|\b(?:hop|jump|get)(?:ping)?\s+on\s+(?:a\s+)?(?:quick\s+|short\s+|brief\s+)?"
    r"(?:phone\s+|video\s+|zoom\s+)?(?:call|zoom|chat)\b"
    r"|\bquick\s+(?:phone\s+|video\s+|zoom\s+)?(?:call|chat|zoom)\b"
    r"|\b(?:grab|have|get)(?:bing|ting|ing)?\s+(?:a\s+)?(?:coffee|drink|lunch|beer)\s+"
    r"(?:and|to)\s+(?:chat|talk)(?:ting|ing)?\s+about\s+(?:my|our)\b"
    r"|\bask\s+(?:you\s+)?(?:a\s+few|some|a\s+couple\s+of|a\s+couple|few)\s+(?:quick\s+)?"
    r"questions\b(?!\s+(?:about|on|regarding|re)\b)"
    r"|\btap\s+(?:into\s+)?(?:your|ur)\s+(?:brain|expertise|knowledge|network|mind)\b",
    _I,
)
#: Offers are not asks ("would you like an intro?", "want me to send it?").
_OFFER = re.compile(
    r"\b(?:would|do)\s+you\s+(?:like|want)\s+(?:me\s+to|an?\s+(?:intro|introduction|copy|link))"
    r"|\bwant\s+me\s+to\b|\bcan\s+you\s+believe\b",
    _I,
)
#: Asks that cost them time or effort, so deserve a stated size.
_ASK_TIME = re.compile(
    r"\b(?:could|would|can|will|might)\s+(?:you|u|we)\b|\bif\s+you\s+(?:could|would|can)\b"
    r"|\b(?:can|could|may|might)\s+i\s+(?:ask|get|have|borrow|grab|book|steal|pick|send\s+you)\b"
    r"|\bwould\s+(?:it|that)\s+be\s+(?:possible|ok|okay|alright)\b"
    r"|\b(?:are|r)\s+(?:you|u)\s+(?:free|available|around|open|up\s+for|willing)\b"
    r"|\bdo\s+you\s+have\s+(?:time|a\s+(?:minute|moment|sec)|availability|room|capacity)\b"
    r"|\b(?:introduce|refer|connect|recommend|mentor|help|advise)\s+me\b|\bput\s+me\s+in\s+touch"
    r"|\b(?:review|look\s+(?:at|over)|read|check\s+out|critique|proofread)\s+my\b"
    r"|\bfeedback\s+on\s+my\b|\bi\s+was\s+wondering\s+if\s+(?:you|we)\b|\bany\s+chance\s+you"
    r"|\b(?:let'?s|love\s+to|like\s+to|keen\s+to|want\s+to|up\s+for|free\s+for|time\s+for|"
    r"open\s+to|fancy|grab)\s+(?:\w+\s+){0,3}?(?:meet(?:ing)?|call|chat|coffee|talk|catch\s+up|"
    r"lunch|drinks?|zoom)\b|\b(?:a\s+)?time\s+to\s+(?:talk|chat|meet|call|connect|speak)\b"
    r"|\b(?:i'?d|i\s+would)\s+(?:really\s+|so\s+|greatly\s+)?(?:love|like|appreciate|value)\s+"
    r"(?:\w+\s+){0,4}?(?:of\s+)?your\s+(?:time|advice|help|thoughts|feedback|input|take|"
    r"opinion|guidance|perspective|insights?|expertise)\b"
    r"|\b(?:i'?d|i\s+would)\s+(?:really\s+)?appreciate\s+"
    r"(?:the\s+chance|the\s+opportunity|it\s+if)\b",
    _I,
)
#: Right after "could you …": small asks that need no time bound ("send me the recipe").
_SMALL_ASK = re.compile(
    r"\s+(?:please\s+|kindly\s+|just\s+)?(?:send|share|forward|confirm|remind|let\s+me\s+know|"
    r"text|tell\s+me\s+(?:which|what|where|when|who)|pass|point\s+me|be\s+interested)\b",
    _I,
)
#: Asks that take little time but are still asks ("are you hiring?", "can you share …").
_ASK_OTHER = re.compile(
    r"\b(?:are|r)\s+(?:you|u)\s+(?:hiring|interested)\b|\bhire\s+me\b|\bany\s+openings\b"
    r"|\b(?:i\s+would|i'd)\s+be\s+grateful\b",
    _I,
)
#: In a question, these words make it a request ("Coffee next week?").
_REQUEST_WORD = re.compile(
    r"\b(?:meet|meetup|call|chat|coffee|lunch|drinks?|zoom|catch\s+up|help|advice|intro|"
    r"introduc\w*|refer\w*|review|feedback|mentor\w*|free|available)\b",
    _I,
)
#: Questions about something past are not requests ("How did the call go?").
_PAST_QUESTION = re.compile(
    r"\b(?:how|what)\s+(?:did|was|were|is|are|has|have)\b|\bhow's\b|^\W*(?:did|was|were|has)\b",
    _I,
)
#: A stated size: minutes, hours, lines, one email, a quick reply, "no need to reply".
_NUMBER = (
    r"(?:a|an|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|sixty|half\s+an|couple\s+of)"
)
_TIME_BOUND = re.compile(
    rf"\b\d+(?:[.,]\d+)?\s*-?\s*(?:m|h|min|mins|minutes?|hours?|hrs?)\b"
    rf"|\b{_NUMBER}[\s-]+(?:minutes?|mins?|hours?|hrs?)\b"
    r"|\b(?:no\s+more\s+than|at\s+most|less\s+than|under|within)\s+"
    r"(?:\d+|an?|one|two|three|five|ten|fifteen|twenty|thirty|half)\b"
    rf"|\b(?:{_NUMBER}|one|two)[\s-]+(?:lines?|sentences?|words?)\b"
    r"|\b(?:a|one|single)\s+(?:quick\s+|short\s+|brief\s+)?(?:reply|answer|e-?mail|note|"
    r"yes\s+or\s+no|yes/no)\b|\b(?:quick|short|brief)\s+(?:reply|answer)\b"
    r"|\b(?:one|single|two)\s+(?:quick\s+|short\s+)?questions?\b"
    r"|\b(?:one|a\s+single|just\s+one)\s+(?:quick\s+|short\s+)?(?:tip|thing|example|name|link)\b"
    r"|\bno\s+need\s+to\s+(?:reply|respond|answer|write\s+back)\b|\bno\s+reply\s+needed\b"
    r"|\b(?:is|would\s+be)\s+(?:all\s+i(?:'d)?\s+need|plenty|enough|more\s+than\s+enough)\b",
    _I,
)
#: "your X" is about them unless X is something of theirs anyone could ask for.
GENERIC_YOUR = _words(
    "time help advice thoughts thought feedback opinion opinions input insight insights "
    "expertise experience brain brains network contacts connections email inbox calendar "
    "schedule availability number convenience earliest day week consideration attention "
    "support guidance perspective view views reply response answer company team firm "
    "organisation organization profile linkedin name side end behalf way mind "
    "recommendation introduction intro permission ear eyes knowledge wisdom skills "
    "background field industry area space role position job title desk office hands best "
    "own hiring recruiter recruiters manager boss colleagues hr lab group department "
    "university school programme program startup agency think institute foundation employer "
    "business services reference"
)
_YOUR = re.compile(
    r"\b(?:your|ur|yr)\s+(?:(?:own|recent|new|latest|last|great|amazing|brilliant|wonderful|"
    r"lovely|beautiful|fascinating|thoughtful|inspiring|first|old|next|current|upcoming|future)"
    r"\s+|\d+\s+)*([^\W\d_][\w'-]*)",
    _I,
)
_ABOUT_THEM = re.compile(
    r"(?<!could\s)(?<!would\s)(?<!can\s)(?<!will\s)(?<!to\s)\byou(?:'ve|\s+have|\s+had)?\s+"
    r"(?:just\s+|once\s+|also\s+|recently\s+)?(?:\w+[^\We\d_]ed|wrote|written|said|built|rebuilt|"
    r"made|gave|given|won|taught|told|did|done|ran|sent|grew|grown|found|took|led|held|brought|"
    r"kept|left|met|read|sold|spent|spoke|went|began|begun|chose|drew|drawn|flew|knew|rode|"
    r"sang|saw|seen|shot|threw|wore|shown)\b"
    r"|\byou(?:'re|\s+are)\s+(?:now\s+|still\s+|currently\s+|also\s+)?(?:working|building|"
    r"writing|making|doing|running|learning|teaching|leading|organi[sz]ing|hosting|starting|"
    r"launching|moving|planning|training|studying|researching|into|based|part\s+of)\b"
    r"|(?<!could\s)(?<!would\s)(?<!can\s)(?<!will\s)(?<!to\s)\byou\s+(?:both\s+)?(?:work|write|"
    r"build|teach|research|study|paint|cook|run|host|lead|organi[sz]e|love|care)\b"
    r"|\b(?:we|you\s+and\s+i)\s+(?:both\s+|briefly\s+|first\s+)?(?:met|spoke|talked|chatted|"
    r"worked|shared)\b|\bmet\s+you\b|\bcongrat\w*\s+on\b|\bwhen\s+we\b"
    r"|\bour\s+(?:chat|conversation|call|talk|"
    r"coffee|lunch|walk|project|workshop|class)\b",
    _I,
)
#: Words that say why the message exists.
_REASON = re.compile(
    r"\b(?:because|cause|since\s+you|as\s+you|so\s+that|in\s+order\s+to|regarding|the\s+reason)\b"
    r"|\bfollow(?:ing)?[\s-]+up\b|\bas\s+(?:promised|discussed)\b|\bper\s+our\b"
    r"|\b(?:thought|thinking|think)\s+of\s+you\b|\breminded\s+me\b|\bmade\s+me\s+think\b"
    r"|\byou(?:'d|\s+would|\s+might|\s+may)\s+(?:love|like|enjoy|appreciate|find)\b"
    r"|\b(?:interest|be\s+useful\s+to|be\s+relevant\s+to)\s+you\b"
    r"|\b(?:writing|reaching\s+out|emailing|messaging|getting\s+in\s+touch|contacting\s+you)\s+"
    r"(?:to|because|about|since|after|as|regarding)\b"
    r"|\bcongrat\w*|\bhappy\s+(?:birthday|anniversary)\b|\bwell\s+done\b"
    r"|\bthank(?:s|\s+you)\s+(?:so\s+much\s+|again\s+|a\s+lot\s+)?for\b|\bsorry\b|\bapologi"
    r"|\bi\s+owe\s+you\b|\b(?:suggested|recommended)\s+(?:i|we|that)\b|\bintroduced\s+(?:us|me)\b"
    r"|\bpointed\s+me\b|\btold\s+me\s+about\s+you\b|\bmutual\s+friend\b"
    r"|\bwanted\s+to\s+(?:share|thank|tell|let\s+you\s+know|introduce(?!\s+myself)|"
    r"congratulate|send|pass|"
    r"invite|ask\s+about|say\s+thanks|apologi[sz]e|follow\s+up)\b"
    r"|\b(?:saw|found|spotted|came\s+across|read)\s+(?:this|that|an?\s+(?:article|piece|post|"
    r"video|book|podcast))\b|\bstill\s+(?:want|keen|up\s+for|interested)\b"
    r"|(?<!how\s)(?<!what\s)\babout\b|\b(?:thoughts|feedback|advice|opinion|take|input)\s+on\b"
    r"|\b(?:i'?d|i\s+would|we'?d|would)\s+(?:really\s+)?(?:love|like)\s+to\s+(?!(?:connect|chat|"
    r"catch|meet|talk|touch|stay|say|introduce\s+myself|get\s+in\s+touch|network|collaborate|"
    r"partner|work\s+together)\b)\w+"
    r"|\blooking\s+for\b"
    r"|\b(?:i'?m|i\s+am)\s+(?:hoping|trying|looking|applying|planning|working\s+on|writing|"
    r"building|starting|launching|researching|organi[sz]ing|putting\s+together)\b",
    _I,
)
_PLEASANTRY = re.compile(
    r"\bhow\s+(?:are|r)\s+(?:you|u)\b|\bhow\s+have\s+you\s+been\b|\bhow\s+you\s+doing\b"
    r"|\bhow(?:'s|\s+is)\s+(?:it\s+going|life|everything|things)\b|\bwhat'?s\s+(?:up|new)\b"
    r"|\bhope\s+you\b|\bwhat\s+have\s+you\s+been\s+up\s+to\b",
    _I,
)
_YOU_WORD = re.compile(r"\b(?:you|your)\b", _I)
SELF_WORDS = _words("i me my mine myself i'm i've i'd i'll im ive")
YOU_WORDS = _words("you your yours yourself yourselves you're you've you'd you'll youre u ur")
ENGLISH = _words(
    "the a an and or but to of in on for with at by from is are was were be been it this "
    "that i me my you your we our they would could can will have has had do did not so if "
    "just about what how hi hey hello thanks love like"
)
#: Common words of French, Spanish, Italian, Portuguese, German, Dutch and the Nordic
#: languages that are not English words.
FOREIGN = _words(
    "de la el le les et est une un una uno des du sur sobre con los las por para pour avec "
    "que qui y tu ta mon ma mes tes il elle nous vous je j'ai c'est es muy pero también "
    "gracias hola und der das ist ich du wir sie nicht mit ein eine für auf auch ja "
    "che di non sono il lo gli della grazie não é uma com obrigado obrigada você "
    "het een ik je niet met voor och jag är inte på det"
)
_WORD = re.compile(r"\w+(?:'\w+)*")


# --------------------------------------------------------------------------- helpers


def _plain(text: str) -> str:
    """Curly apostrophes straightened, so the patterns see one kind."""
    return text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")


def word_count(text: str) -> int:
    """Words in the message (runs of letters and digits; "don't" is one word)."""
    return len(_WORD.findall(_plain(text)))


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def _sentences(text: str) -> list[str]:
    """Sentences: split after . ! ? … and at line breaks that end a line of thought (a
    hard-wrapped line that stops mid-sentence is joined to the next)."""
    joined = re.sub(r"(?<![.!?,;:…。！？\n])[ \t]*\n(?![ \t]*\n)", " ", text)
    parts = re.split(r"(?<=[.!?…。！？])\s+|\n+", joined)
    return [p.strip() for p in parts if p.strip()]


def _is_question_about_them(sentence: str) -> bool:
    """A question to them that is neither small talk nor a request: "Are you still
    playing the Thursday sessions?"."""
    return (
        "?" in sentence
        and bool(_YOU_WORD.search(sentence))
        and not _PLEASANTRY.search(sentence)
        and not _ASK_TIME.search(_OFFER.sub(" ", sentence))
        and not _ASK_OTHER.search(sentence)
        and not _is_request_question(sentence)
    )


def _is_request_question(sentence: str) -> bool:
    return (
        "?" in sentence
        and bool(_REQUEST_WORD.search(sentence))
        and not _PAST_QUESTION.search(sentence)
    )


def mentions_them(text: str) -> bool:
    """Something specific about them or what you share: "your piece on …" (not "your time"
    or "your profile"), "you wrote / built / mentioned …", "you're building …", "we met …"."""
    if _ABOUT_THEM.search(text):
        return True
    return any(
        m.group(1).lower().removesuffix("'s") not in GENERIC_YOUR for m in _YOUR.finditer(text)
    )


def _asks(text: str) -> tuple[list[str], list[str]]:
    """(every ask, the asks that cost time) as the sentences that contain them."""
    every: list[str] = []
    timed: list[str] = []
    for sentence in _sentences(text):
        s = _OFFER.sub(" ", sentence)
        asks = list(_ASK_TIME.finditer(s))
        request = _is_request_question(s)
        if request or any(not _SMALL_ASK.match(s, m.end()) for m in asks):
            timed.append(sentence)
        if request or asks or _ASK_OTHER.search(s):
            every.append(sentence)
        elif "?" in s and not _is_question_about_them(s) and not _PLEASANTRY.search(s):
            every.append(sentence)  # any other question asks something of them
    return every, timed


def _looks_english(words: list[str]) -> bool:
    """English unless other languages' common words win, or most letters are not Latin."""
    lower = [w.lower() for w in words]
    english = sum(w in ENGLISH or w in SELF_WORDS or w in YOU_WORDS for w in lower)
    foreign = sum(w in FOREIGN for w in lower)
    if foreign >= FOREIGN_MIN and foreign > english:
        return False
    letters = [c for w in words for c in w if c.isalpha()]
    latin = sum(c < "\u0250" for c in letters)
    return 2 * latin >= len(letters)


# --------------------------------------------------------------------------- the lint


def lint(text: str, *, first_contact: bool = True) -> list[Finding]:
    """Check a message; findings come errors first, then warnings, then info.

    A naked greeting is reported alone (nothing else in the message to check). Otherwise:
    pick-your-brain (error), ask-without-interest (error, first contact only: an ask and
    nothing specific about them, see ``mentions_them``), no-reason (warning: none of the
    reason cues, nothing about them and no question about them in the first
    REASON_SENTENCES sentences, greeting-only sentences skipped), no-time-bound (warning:
    an ask that costs time with no minutes, hours, lines or "one email" stated anywhere),
    self-focus (warning: self ≥ SELF_RATIO × you and self − you ≥ SELF_MARGIN, counting
    SELF_WORDS and YOU_WORDS) and too-long (warning, first contact only: more than
    FIRST_CONTACT_MAX_WORDS words). The English checks are skipped on non-English text.
    """
    if not text.strip():
        return []
    if _greeting_only(text):
        return [_finding("naked-greeting", text)]
    plain = _plain(text)
    words = _WORD.findall(plain)
    out: list[Finding] = []
    if m := _PICK_BRAIN.search(plain):
        out.append(_finding("pick-your-brain", m.group(0)))
    if _looks_english(words):
        every, timed = _asks(plain)
        if first_contact and every and not mentions_them(plain):
            out.append(_finding("ask-without-interest", every[0]))
        content = (s for s in _sentences(plain) if not _greeting_only(s))
        opening = list(islice(content, REASON_SENTENCES))
        said = " ".join(opening)
        if not (
            _REASON.search(said)
            or mentions_them(said)
            or any(_is_question_about_them(s) for s in opening)
        ):
            out.append(_finding("no-reason", said))
        if timed and not _TIME_BOUND.search(plain):
            out.append(_finding("no-time-bound", timed[0]))
        lower = [w.lower() for w in words]
        me = sum(w in SELF_WORDS for w in lower)
        you = sum(w in YOU_WORDS for w in lower)
        if me >= SELF_RATIO * you and me - you >= SELF_MARGIN:
            out.append(_finding("self-focus", me=me, you=you))
    if first_contact and len(words) > FIRST_CONTACT_MAX_WORDS:
        out.append(_finding("too-long", words=len(words), limit=FIRST_CONTACT_MAX_WORDS))
    return sorted(out, key=lambda f: SEVERITIES.index(f.severity))


def exit_code(findings: list[Finding]) -> int:
    """0 when clean (info findings allowed), 1 with warnings, 2 with any error."""
    severities = {f.severity for f in findings}
    return 2 if "error" in severities else 1 if "warning" in severities else 0


# --------------------------------------------------------------------------- the findings

#: Each check: its severity, what is wrong (may name {me}, {you}, {words}, {limit}) and
#: the principle behind it, in one sentence.
CHECKS: dict[str, tuple[str, str, str]] = {
    "naked-greeting": (
        "error",
        "The message is only a greeting: say why you are writing.",
        "A bare greeting makes them do the work of asking why you wrote; say it up front.",
    ),
    "pick-your-brain": (
        "error",
        "This asks for their open-ended time and thinking without saying what you need.",
        "Name the one thing you want to know; a vague request for their brain leaves all the "
        "work and the cost with them.",
    ),
    "ask-without-interest": (
        "error",
        "A first message that asks for something but says nothing about them or their work.",
        "Their interests and work come before yours: show what genuinely draws you to them "
        "before you ask for anything.",
    ),
    "no-reason": (
        "warning",
        "The first two sentences don't say why you are writing.",
        "Context up front respects their time: they should know at a glance why this landed "
        "with them.",
    ),
    "no-time-bound": (
        "warning",
        "The ask doesn't say how much of their time it needs.",
        "Saying 'fifteen minutes' or 'a one-line reply' lets them say yes without guessing "
        "what they are signing up for.",
    ),
    "self-focus": (
        "warning",
        "The message talks about you {me} times and about them {you} times.",
        "People warm to a note about them; lead with their work and keep your own story short.",
    ),
    "too-long": (
        "warning",
        "{words} words is long for a first message (aim for {limit} or fewer).",
        "A short first note is easy to read and easy to answer; save the rest for when they "
        "write back.",
    ),
}


def _finding(code: str, excerpt: str | None = None, **facts: int) -> Finding:
    severity, message, principle = CHECKS[code]
    cut = _cut(excerpt) if excerpt else None
    return Finding(code, severity, message.format(**facts), principle, cut or None)
