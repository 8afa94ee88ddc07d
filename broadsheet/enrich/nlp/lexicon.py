"""Small word lists the extractors lean on, kept in code so they travel with it.

Deliberately short: enough cues to tell a person from a company from a
country in news copy, not a dictionary. Everything is lower case.
"""


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _names(text: str) -> frozenset[str]:
    return frozenset(name.strip().lower() for name in text.split(",") if name.strip())


STOPWORDS = words_of(
    """a about above across after again against ago all almost along already also
    although always am among an and another any anyone anything are around as at
    away back be became because become becomes been before being below between
    both but by can cannot could did do does doing done down during each either
    else enough even ever every few for from further get gets getting got had has
    have having he her here hers herself him himself his how however i if in into
    is it its itself just last least less let like likely made make makes many
    may me might more most much must my myself neither never next no nor not now
    of off often on once one only onto or other others our ours ourselves out
    over own per perhaps quite rather really same several shall she should since
    so some something still such than that the their theirs them themselves then
    there these they this those though through thus to today together too
    toward towards under until up upon us very via was we well were what whatever
    when where whether which while who whom whose why will with within without
    would yet you your yours yourself yesterday tomorrow tonight mr mrs ms dr sir
    'the meanwhile instead despite including according amid whilst unless
    nevertheless nonetheless moreover furthermore indeed yes okay ok elsewhere
    afield abroad ahead beyond behind beside besides inside outside
    underneath throughout alongside amongst except unlike regarding concerning
    ago"""
)

# Verbs and fillers frequent in news copy that never make a keyphrase.
COMMON_VERBS = words_of(
    """said says say saying told tell tells added adds asked ask asks announced
    announces claimed claims believe believes believed think thinks thought
    expected expects expect want wants wanted need needs needed put puts take
    takes taken took give gives given gave come comes came go goes going went
    gone see sees seen saw know knows known knew show shows showed shown keep
    keeps kept seem seems seemed found find finds called call calls used use
    uses using look looks looked looking set sets become told warned warns
    reported reports including include includes included includes added
    described describes believed suggested suggests insisted insists argued
    argues agreed agrees hoped hopes confirmed confirms revealed reveals
    remains remained continue continues continued yet able unable whose
    around recently currently already still"""
)

# Words that are capitalised for reasons other than being a name.
MONTHS = words_of(
    """january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec"""
)
WEEKDAYS = words_of("monday tuesday wednesday thursday friday saturday sunday")
NOT_NAMES = (
    MONTHS
    | WEEKDAYS
    | words_of(
        """i christmas easter ok tv internet web online email mp mps bn m
    chief executive president minister chairman director spokesman spokeswoman
    spokesperson secretary officials analysts shares"""
    )
)
DEMONYMS = words_of(
    """american british english scottish welsh irish french german italian
    spanish portuguese dutch belgian swiss austrian swedish norwegian danish
    finnish polish russian ukrainian greek turkish chinese japanese korean
    indian pakistani afghan iraqi iranian israeli palestinian saudi egyptian
    african european asian australian canadian mexican brazilian argentine
    argentinian nigerian kenyan western eastern northern southern latin arab
    muslim christian jewish catholic republican democratic democrat republicans
    democrats conservative conservatives labour tory tories liberal
    frenchman englishman scotsman welshman irishman dutchman dubliner
    londoner israelis palestinians americans britons andean hungarian czech
    romanian bulgarian serbian croatian slovak slovenian estonian latvian
    lithuanian georgian armenian ethiopian ghanaian somali sudanese kenyan
    ugandan vietnamese thai filipino indonesian malaysian peruvian chilean
    colombian venezuelan cuban jamaican mexican brazilian egyptian moroccan
    algerian tunisian libyan syrian lebanese jordanian yemeni qatari emirati
    bangladeshi nepalese sri lankan tibetan taiwanese mongolian kazakh uzbek
    belarusian icelandic maltese cypriot scandinavian nordic balkan
    swede swedes spaniard spaniards briton scot scots dane danes finn pole
    poles kiwi kiwis aussie aussies frenchmen englishmen"""
)

# Titles before a name ("Mr Blair", "President Bush", "Prime Minister Tony
# Blair"); several words are matched as a sequence.
TITLES = words_of(
    """mr mrs ms miss dr sir lord lady dame prof professor president
    chancellor senator sen governor gov judge pope rev reverend sheikh
    colonel col commissioner ambassador mayor inspector detective sergeant
    congressman congresswoman baroness archbishop"""
)
MULTIWORD_TITLES = _names(
    """prime minister, foreign secretary, home secretary, chief executive,
    foreign minister, finance minister, defence secretary, health secretary,
    vice president, vice-president, secretary of state, attorney general,
    culture secretary, trade secretary, education secretary, deputy prime minister,
    first minister, chief economist, managing director, shadow chancellor,
    chancellor of the exchequer, solicitor general, surgeon general,
    inspector general, director general, secretary general, lieutenant governor"""
)
# Words before a full name that are not part of it: "Republican Clay
# Hartman", "Center Jakob Lindahl", "Deputy ...".
PERSON_LABELS = words_of(
    """deputy senior junior acting interim former ex vice assistant associate
    center centre guard forward striker midfielder defender goalkeeper keeper
    rookie veteran captain coach manager republican democrat conservative
    labour tory liberal socialist independent lib dem mp mep msp"""
)
# Role nouns: "chief executive Tim Cook", "Lagarde, the ECB's president".
ROLES = words_of(
    """president chairman chairwoman chair chief executive director minister
    secretary spokesman spokeswoman spokesperson head leader founder
    boss manager coach captain player striker midfielder defender goalkeeper
    economist analyst governor commissioner chancellor mayor senator
    judge lawyer professor scientist researcher author writer singer actor
    actress director producer star presenter editor correspondent official
    mp adviser advisor member deputy partner owner investor campaigner
    champion winner candidate politician envoy ambassador negotiator trader
    analyst strategist spokesperson inventor engineer designer officer
    general commander prosecutor activist guard center centre forward quarterback
    pitcher batsman bowler jockey trainer rider driver runner swimmer
    midfielder winger full-back fly-half hooker"""
)

# Last words of organisations' names.
ORG_SUFFIXES = words_of(
    """bank inc corp corporation ltd plc llc co company companies group holdings
    party ministry council fc united association commission committee agency
    department office union university college school institute foundation
    trust society board authority service services fund federation league
    organisation organization court parliament assembly senate congress airways
    airlines motors records studios pictures network times news post journal
    club reserve exchange bros industries systems technologies communications
    telecom partners capital securities insurance energy petroleum oil
    electronics entertainment media broadcasting police army navy force
    government administration commons lords cabinet executive alliance
    coalition network academy hospital church museum orchestra band house
    finance markets brands foods stores retail pharmaceuticals labs advisors
    advisers consulting software games music films productions railways rail
    mobile wireless digital interactive logistics mining steel chemicals
    properties hotels bancorp financial investments ventures associates
    research agency bureau tribunal regiment brigade"""
)
CORPORATE_ENDINGS = words_of("inc corp corporation ltd plc llc co company group")

PLACES = _names(
    """afghanistan, albania, algeria, argentina, armenia, australia, austria,
    azerbaijan, bahrain, bangladesh, belarus, belgium, bolivia, bosnia, brazil,
    bulgaria, cambodia, cameroon, canada, chile, china, colombia, congo, croatia,
    cuba, cyprus, czech republic, denmark, ecuador, egypt, estonia, ethiopia,
    finland, france, georgia, germany, ghana, greece, guatemala, haiti, hungary,
    iceland, india, indonesia, iran, iraq, ireland, israel, italy, jamaica, japan,
    jordan, kazakhstan, kenya, kosovo, kuwait, latvia, lebanon, libya, lithuania,
    luxembourg, malaysia, mali, malta, mexico, moldova, mongolia, morocco,
    mozambique, myanmar, nepal, netherlands, new zealand, nigeria, north korea,
    norway, oman, pakistan, palestine, panama, peru, philippines, poland,
    portugal, qatar, romania, russia, rwanda, saudi arabia, senegal, serbia,
    singapore, slovakia, slovenia, somalia, south africa, south korea, spain,
    sri lanka, sudan, sweden, switzerland, syria, taiwan, tanzania, thailand,
    tunisia, turkey, uganda, ukraine, united arab emirates, uae,
    united kingdom, uk, u.k., britain, great britain, england, scotland, wales,
    northern ireland, united states, us, u.s., usa, america, uruguay,
    uzbekistan, venezuela, vietnam, yemen, zambia, zimbabwe, europe, asia,
    africa, antarctica, north america, south america, latin america,
    middle east, far east, eurozone, euro zone, the gulf, caribbean,
    scandinavia, balkans, gaza, west bank, crimea, kashmir, tibet, hong kong,
    london, paris, berlin, madrid, rome, milan, brussels, amsterdam, vienna,
    geneva, zurich, frankfurt, munich, moscow, kyiv, kiev, warsaw, prague,
    budapest, athens, istanbul, ankara, dublin, belfast, edinburgh, glasgow,
    cardiff, manchester, liverpool, birmingham, leeds, newcastle, bristol,
    oxford, cambridge, new york, washington, los angeles, hollywood,
    chicago, boston, san francisco, seattle, miami, houston, dallas, atlanta,
    detroit, las vegas, silicon valley, toronto, montreal, vancouver, ottawa,
    mexico city, sao paulo, rio de janeiro, buenos aires, lima, bogota,
    tokyo, beijing, shanghai, seoul, delhi, new delhi, mumbai, bangalore,
    karachi, islamabad, kabul, baghdad, tehran, jerusalem, tel aviv, dubai,
    riyadh, cairo, lagos, nairobi, johannesburg, cape town, sydney, melbourne,
    auckland, singapore, bangkok, jakarta, manila, hanoi, taipei, westminster,
    wall street, downing street, whitehall, the city, davos, strasbourg,
    the hague, kent, yorkshire, cornwall, devon, essex, surrey, california,
    texas, florida, new jersey, ohio, pennsylvania, michigan, arizona, iowa,
    virginia, alaska, hawaii, ontario, quebec, bavaria, catalonia, siberia"""
)
# Places English names with "the": "What is happening in the UK?"
THE_PLACES = _names(
    """uk, u.k., us, u.s., usa, eu, un, uae, netherlands, philippines,
    middle east, far east, gulf, hague, caribbean, balkans, west bank,
    gaza strip, arctic, antarctic, mediterranean, pacific, atlantic"""
)
# "in X" / "X-based" suggest a place; these prepositions, before a name.
PLACE_PREPOSITIONS = words_of("in across throughout from near outside inside")

# Common given names: "Tony Blair" is a person, "Time Warner" need not be.
GIVEN_NAMES = words_of(
    """aaron adam adrian aidan alan alastair albert alex alexander alexandra
    alice alison amanda amy andrea andrew andy angela angus ann anna anne
    anthony antonio arnold arthur ashley barbara barry ben benjamin bernard
    beth bill billy bob boris brendan brian bruce carl carlos carol caroline
    catherine charles charlie charlotte chris christian christina christine
    christopher claire clare colin craig dan daniel danny darren dave david
    dean deborah dennis derek diana diane dominic donald douglas duncan ed
    eddie edward elizabeth ellen emily emma eric fiona frances francis frank
    fred gary gavin george geoff geoffrey gerald gerhard gillian gordon graham
    greg gregory hannah harold harriet harry hazel heather helen henry hilary
    hillary howard hugh iain ian isabel jack jacques jake james jamie jane janet
    jason jean jeff jeffrey jennifer jenny jeremy jessica jim jimmy jo joan joe
    john johnny jon jonathan jose joseph josh julia julian julie justin karen
    kate katherine kathleen keith kelly ken kenneth kevin kim kirsty kofi larry
    laura lauren lee leo lewis linda lisa liz louise lucy luke lynn malcolm
    marc margaret maria marie mark martin mary matt matthew maurice max mervyn
    michael michel michelle mick mike mikhail miriam mohammed muhammad nadia
    natalie neil nelson nicholas nick nicola nigel noel oliver owen pamela
    patricia patrick paul paula peter phil philip pierre priya rachel ralph
    ray raymond rebecca richard rick rob robert robin roger ronald rose ross
    roy ruth ryan sally sam samantha sarah scott sean sebastian sergei sharon
    silvio simon sophie stephen steve steven stuart sue susan tessa thomas tim
    timothy tom tommy tony tracy trevor valerie vanessa victoria vince
    vladimir walter wayne william yasser yuri zoe abdul ahmed ali amir arsene
    bono brad britney cameron charlotte clint daniela dmitry elton fernando
    francesco gabriel giovanni hans helmut hugo igor ivan javier jens johan
    juan jurgen kylie lars leonardo lionel luis madonna manuel marco mario
    mariano martina mohamed nicolas olga pablo paolo pedro rafael ricardo
    roberto roman rupert serena shane stefan sven venus viktor wolfgang xavier
    ahmad hamid hassan hussein ibrahim jalal kamal khalid mahmoud omar osama
    rashid tariq yusuf akira hiroshi junichiro ken li lin ming wei xi yang zhang
    arjun rahul raj ravi sanjay sonia vijay ariel benjamin ehud shimon tzipi
    dick condoleezza colin donald karl newt nancy rudy sonny whitney"""
)

# Adjectives and quantifiers common in news copy: a keyphrase may start with
# one ("interest rates" no, "high street" yes) but never is or ends with one.
# Adjectives that judge or rank ("good cash flow", "latest figures"): a
# keyphrase never starts with one. Others classify ("economic growth").
EVALUATIVE = words_of(
    """new old big small large high low good bad great best better worse worst
    first second third fourth fifth final last next former latest recent early
    earlier late later long short full free real right wrong hard easy clear
    different important possible likely unlikely certain whole key main major
    minor top strong weak further current previous total little much many few
    several more most less least other such own same similar various huge
    massive significant serious poor rich young older younger biggest largest
    highest lowest smallest greater higher lower larger bigger smaller wider
    deep sharp quick fast slow rapid additional extra potential crucial vital
    critical difficult stronger weaker slower faster cheaper easier harder
    tougher longer shorter quicker richer poorer straight consecutive"""
)
ADJECTIVES = EVALUATIVE | words_of(
    """new old big small large high low good bad great best better worse worst
    first second third fourth fifth final last next former latest recent early
    earlier late later long short full free real right wrong hard easy clear
    different important available possible likely unlikely single special
    certain whole general key main major minor top senior junior strong weak
    further current previous local national international global economic
    financial political public private social foreign domestic official
    military total annual monthly weekly daily average overall little much
    many few several more most less least other such own same similar various
    huge massive significant serious major poor rich young older younger
    biggest largest highest lowest smallest greater higher lower larger bigger
    smaller wider deep open close sharp strong quick fast slow rapid
    additional extra potential recent key crucial vital critical difficult
    digital mobile wireless electronic online
    likely expected due able willing ready sure aware keen clear"""
)
# Plural-looking words that are not plurals, for folding "rates" into "rate".
NOT_PLURAL = words_of(
    """news series species means analysis crisis basis thesis status bus gas
    bonus campus virus census focus lens plus chaos physics economics
    politics statistics athletics olympics tennis aids us this its his has
    was is as bias"""
)
# Nouns English uses without "the": "What did she say about inflation?"
MASS_NOUNS = words_of(
    """inflation growth data information software music money research traffic
    spam health education trade debt unemployment employment investment
    evidence insurance security terrorism crime violence poverty energy power
    oil gas food water weather climate pollution funding spending tax taxation
    revenue income profit support advice help news technology broadband
    immigration asylum aid justice legislation regulation competition demand
    supply production manufacturing football cricket rugby tennis golf
    television radio film cinema fashion art literature content access
    progress safety privacy piracy fraud corruption legal action work action
    vapour anxiety depression life cash"""
)

# Nouns too general to tell one story from another.
GENERIC_NOUNS = words_of(
    """percent cent million millions billion billions trillion bn pounds dollars
    euros pence cents year years month months week weeks day days time times
    hour hours minute minutes number numbers figure figures one two three four
    five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands lot lots part parts way ways thing
    things people person company companies firm firms group chain business
    statement report side sides kind sort end start point points level levels
    area areas place places term terms fact idea issue issues matter matters
    situation result results move moves step steps news story stories
    spokesman spokeswoman spokesperson comments remarks interview source
    sources decade decades period season weekend morning afternoon evening
    night today week's year's month's half country countries nation nations
    region regions talks rules scheme schemes project projects plans plan work
    content staff survey range member members"""
)
# Past tenses and present forms the suffix rules miss.
IRREGULAR_VERBS = words_of(
    """rose rise rises risen fell fall falls fallen grew grow grows grown cut
    cuts won win wins lost lose loses left leave leaves held hold holds paid pay
    pays sold sell sells bought buy buys made took gave came went saw met meet
    meets hit hits led lead leads ran run runs spent spend spends fought threw
    began begin begins brought bring brings built build builds broke break
    breaks chose choose drew draw drove drive fled flee felt feel feels forgot
    hid kept let meant mean means sent send sends shut stood stand stands
    struck strike thought understood wrote write writes became faces face
    boost boosts hits sees seeks sought seek hopes plans aims vows urges
    urged calls backs backed wins slams slammed warns blames blamed quits
    quit set sets reach reaches reached told"""
)

# Words that open a sentence which leans on the one before it.
LEANING_STARTS = words_of(
    """he she it they his her its their them him this that these those such
    several others both neither otherwise similarly likewise thus hence
    therefore accordingly too instead"""
)
# Words that link a sentence to the one before without hiding who is meant:
# "But Mr Blair said ..." stands alone; "But he said ..." does not.
SOFT_STARTS = words_of(
    """but and also however meanwhile still yet so then or nor moreover
    furthermore besides nevertheless nonetheless now indeed"""
)
# "The company said ...": a noun phrase standing for a name said earlier.
LEANING_NOUNS = words_of(
    """company firm group bank chain move decision deal plan plans case
    report findings figures study survey ruling announcement change
    changes group's company's firm's move's minister official star player
    singer actor actress band film show club side team government"""
)
# Plural nouns for people speaking or acting together: "How have business
# groups responded?", "What do analysts fear?".
GROUPS = words_of(
    """officials analysts groups organisations organizations governments leaders
    critics campaigners residents ministers experts scientists economists
    investors unions diplomats delegates negotiators organisers organizers
    supporters opponents businesses companies firms councils regulators
    lawmakers legislators parties teachers doctors nurses patients farmers
    workers voters fans activists researchers executives lawyers prosecutors
    authorities agencies banks lenders retailers traders airlines charities
    observers commentators rivals allies members states countries nations
    delegations advocates families parents students users consumers customers
    shareholders protesters police politicians mps senators judges developers
    manufacturers producers suppliers operators employers landlords owners"""
)
PRONOUNS = words_of("he she they him her his hers their them it its")
# "I", "we" or "you" with nobody named: a voice the reader cannot place.
FIRST_PERSON = words_of("i we us our ours my me you your")
# Last words of names that take "the": "the Federal Reserve", "the Senate".
INSTITUTIONS = words_of(
    """reserve commission committee ministry department office council party
    agency authority union court parliament assembly senate congress
    government administration treasury institute foundation association
    federation league organisation organization board service police army
    navy cabinet commons lords house fund executive exchequer"""
)


# scikit-learn's English stop-word list (BSD-3-Clause, from Glasgow Information
# Retrieval Group's list), copied so that ranking does not import scikit-learn
# (seconds) just for a word list.
SKLEARN_STOP_WORDS = words_of(
    """a about above across after afterwards again against all almost alone along
    already also although always am among amongst amoungst amount an and another
    any anyhow anyone anything anyway anywhere are around as at back be became
    because become becomes becoming been before beforehand behind being below
    beside besides between beyond bill both bottom but by call can cannot cant
    co con could couldnt cry de describe detail do done down due during each eg
    eight either eleven else elsewhere empty enough etc even ever every everyone
    everything everywhere except few fifteen fifty fill find fire first five for
    former formerly forty found four from front full further get give go had has
    hasnt have he hence her here hereafter hereby herein hereupon hers herself
    him himself his how however hundred i ie if in inc indeed interest into is
    it its itself keep last latter latterly least less ltd made many may me
    meanwhile might mill mine more moreover most mostly move much must my myself
    name namely neither never nevertheless next nine no nobody none noone nor
    not nothing now nowhere of off often on once one only onto or other others
    otherwise our ours ourselves out over own part per perhaps please put rather
    re same see seem seemed seeming seems serious several she should show side
    since sincere six sixty so some somehow someone something sometime sometimes
    somewhere still such system take ten than that the their them themselves
    then thence there thereafter thereby therefore therein thereupon these they
    thick thin third this those though three through throughout thru thus to
    together too top toward towards twelve twenty two un under until up upon us
    very via was we well were what whatever when whence whenever where
    whereafter whereas whereby wherein whereupon wherever whether which while
    whither who whoever whole whom whose why will with within without would yet
    you your yours yourself yourselves"""
)
