"""Demo content loaded by ``manage.py seed_demo``: the member and partner organisations,
the goals, research themes and health priorities of the five-year strategy, the strategy page
text and a set of news articles for Birmingham Health Partners. It is written in our own words
from public facts such as names, dates and figures; where a date was not known, a plausible one
was chosen, so treat it as demonstration content only.
"""

from datetime import timedelta

# The scheduled example must always lie in the future, so it is relative to when the demo loads.
SCHEDULED = timedelta(days=30)


ORGANISATIONS = [
    {
        "slug": "university-of-birmingham",
        "name": "University of Birmingham",
        "short_name": "UoB",
        "other_names": [
            "Birmingham University",
        ],
        "kind": "university",
        "is_member": True,
        "founding_member": True,
        "joined_on": None,
        "left_on": None,
        "summary": (
            "A large research university in Edgbaston and one of the three founding members of "
            "Birmingham Health Partners."
        ),
        "description": (
            "<p>The University of Birmingham is a research university with a long history in "
            "medicine and health science. Its College of Medicine and Health trains doctors, "
            "nurses and scientists, and runs a wide range of clinical trials.</p>"
            "<p>The university helped to set up Birmingham Health Partners. Its researchers work "
            "side by side with NHS staff across the partnership so that new findings can reach "
            "patients sooner.</p>"
        ),
        "website": "https://www.birmingham.ac.uk/",
        "colour": "#1d4f91",
    },
    {
        "slug": "university-hospitals-birmingham",
        "name": "University Hospitals Birmingham NHS Foundation Trust",
        "short_name": "UHB",
        "other_names": [
            "UHBFT",
            "University Hospitals Birmingham",
        ],
        "kind": "nhs_trust",
        "is_member": True,
        "founding_member": True,
        "joined_on": None,
        "left_on": None,
        "summary": (
            "A large NHS trust and founding member that runs Queen Elizabeth Hospital Birmingham "
            "and Good Hope Hospital."
        ),
        "description": (
            "<p>UHB provides hospital care for people across Birmingham, Solihull and further "
            "afield. Its hospitals include Queen Elizabeth Hospital Birmingham and Good Hope "
            "Hospital.</p>"
            "<p>As one of the founding members of the partnership, UHB gives many of its "
            "patients the chance to take part in research. Its clinical teams also help to test "
            "new ideas in real wards and clinics.</p>"
        ),
        "website": "https://www.uhb.nhs.uk/",
        "colour": "#005eb8",
    },
    {
        "slug": "birmingham-womens-and-childrens",
        "name": "Birmingham Women's and Children's NHS Foundation Trust",
        "short_name": "BWC",
        "other_names": [
            "Birmingham Women's and Children's Hospitals NHS Foundation Trust",
            "Birmingham Women's and Children's",
            "Birmingham Women and Children's",
        ],
        "kind": "nhs_trust",
        "is_member": True,
        "founding_member": True,
        "joined_on": None,
        "left_on": None,
        "summary": (
            "A founding member that cares for women, babies, children and young people at "
            "Birmingham Women’s Hospital and Birmingham Children’s Hospital."
        ),
        "description": (
            "<p>Birmingham Women’s and Children’s runs two specialist hospitals. One cares for "
            "women and newborn babies. The other treats children and young people from across "
            "the region and beyond.</p>"
            "<p>The trust is a founding member of the partnership. Its Clinical Research "
            "Facility at Birmingham Children’s Hospital lets young patients take part in studies "
            "of new treatments.</p>"
        ),
        "website": "https://bwc.nhs.uk/",
        "colour": "#6a1b6e",
    },
    {
        "slug": "health-innovation-west-midlands",
        "name": "Health Innovation West Midlands",
        "short_name": "HIWM",
        "other_names": [
            "West Midlands Academic Health Science Network",
            "West Midlands Academic Health Sciences Network",
            "WMAHSN",
        ],
        "kind": "innovation_network",
        "is_member": True,
        "founding_member": False,
        "joined_on": "2019-04-01",
        "left_on": None,
        "summary": (
            "One of 15 health innovation networks in England. It helps health and care services "
            "in the West Midlands take up new ideas."
        ),
        "description": (
            "<p>Health Innovation West Midlands used to be called the West Midlands Academic "
            "Health Science Network. It works with the NHS, care providers, businesses and "
            "universities across the region.</p>"
            "<p>Its role is to help proven new treatments, tools and ways of working spread "
            "quickly. Within the partnership, it helps move research out of the lab and into "
            "everyday care.</p>"
        ),
        "website": "https://healthinnovationwm.org/",
        "colour": "#0b6e69",
    },
    {
        "slug": "sandwell-and-west-birmingham",
        "name": "Sandwell and West Birmingham Hospitals NHS Trust",
        "short_name": "SWBH",
        "other_names": [
            "Sandwell and West Birmingham Hospitals",
            "Sandwell and West Birmingham",
        ],
        "kind": "nhs_trust",
        "is_member": True,
        "founding_member": False,
        "joined_on": "2022-02-01",
        "left_on": None,
        "summary": (
            "An NHS trust serving Sandwell and the west of Birmingham. It joined the partnership "
            "in February 2022."
        ),
        "description": (
            "<p>Sandwell and West Birmingham Hospitals provides hospital and community care for "
            "a large and very diverse population.</p>"
            "<p>The trust joined Birmingham Health Partners in February 2022. Its membership "
            "means more local people can take part in research and benefit from it.</p>"
        ),
        "website": "https://www.swbh.nhs.uk/",
        "colour": "#00458a",
    },
    {
        "slug": "royal-orthopaedic-hospital",
        "name": "The Royal Orthopaedic Hospital NHS Foundation Trust",
        "short_name": "ROH",
        "other_names": [
            "Royal Orthopaedic Hospital NHS Foundation Trust",
            "Royal Orthopaedic Hospital",
        ],
        "kind": "nhs_trust",
        "is_member": True,
        "founding_member": False,
        "joined_on": "2022-05-01",
        "left_on": None,
        "summary": (
            "A specialist hospital for bones, joints, muscles and the spine. It became the "
            "partnership’s fourth NHS member."
        ),
        "description": (
            "<p>The Royal Orthopaedic Hospital is one of the biggest specialist orthopaedic "
            "hospitals in Europe. It treats people who need joint replacements, spinal surgery, "
            "care for bone cancer and help with long-term pain.</p>"
            "<p>The hospital has trained Birmingham medical students since 1891. It joined the "
            "partnership as its fourth NHS member and brings strong expertise in orthopaedic "
            "research.</p>"
        ),
        "website": "https://roh.nhs.uk/",
        "colour": "#7a2048",
    },
    {
        "slug": "aston-university",
        "name": "Aston University",
        "short_name": "Aston",
        "other_names": [],
        "kind": "university",
        "is_member": True,
        "founding_member": False,
        "joined_on": "2022-09-01",
        "left_on": None,
        "summary": (
            "A university in the centre of Birmingham. It was the seventh member to join and the "
            "second university in the partnership."
        ),
        "description": (
            "<p>Aston University is based in Birmingham city centre. It teaches and researches a "
            "wide range of health subjects and has its own medical school.</p>"
            "<p>Aston became the seventh member of Birmingham Health Partners. It was the second "
            "university to join, after the University of Birmingham.</p>"
        ),
        "website": "https://www.aston.ac.uk/",
        "colour": "#4b1e6e",
    },
    {
        "slug": "birmingham-and-solihull-mental-health",
        "name": "Birmingham and Solihull Mental Health NHS Foundation Trust",
        "short_name": "BSMHFT",
        "other_names": [
            "Birmingham & Solihull Mental Health NHS Foundation Trust",
            "Birmingham & Solihull Mental Health",
            "Birmingham and Solihull Mental Health",
        ],
        "kind": "nhs_trust",
        "is_member": True,
        "founding_member": False,
        "joined_on": "2023-06-01",
        "left_on": None,
        "summary": (
            "The main provider of NHS mental health care for people in Birmingham and Solihull."
        ),
        "description": (
            "<p>Birmingham and Solihull Mental Health NHS Foundation Trust cares for people with "
            "mental health needs in hospitals, clinics and the community.</p>"
            "<p>As a member of the partnership, the trust helps to shape research on mental "
            "health, one of our four health priorities.</p>"
        ),
        "website": "https://www.bsmhft.nhs.uk/",
        "colour": "#2f5d2a",
    },
    {
        "slug": "birmingham-community-healthcare",
        "name": "Birmingham Community Healthcare NHS Foundation Trust",
        "short_name": "BCHC",
        "other_names": [
            "Birmingham Community Healthcare",
        ],
        "kind": "nhs_trust",
        "is_member": True,
        "founding_member": False,
        "joined_on": "2024-11-01",
        "left_on": None,
        "summary": (
            "An NHS trust that provides care in people’s homes, local clinics and community "
            "hospitals. It is the partnership’s ninth member."
        ),
        "description": (
            "<p>Birmingham Community Healthcare looks after people outside of the big acute "
            "hospitals. Its staff work in homes, health centres, schools and community "
            "hospitals.</p>"
            "<p>The trust became the ninth member of Birmingham Health Partners. It helps us "
            "take research into the community, closer to where people live.</p>"
        ),
        "website": "https://www.bhamcommunity.nhs.uk/",
        "colour": "#8a3b00",
    },
    {
        "slug": "abhi",
        "name": "Association of British HealthTech Industries",
        "short_name": "ABHI",
        "other_names": [],
        "kind": "other",
        "is_member": False,
        "founding_member": False,
        "joined_on": None,
        "left_on": None,
        "summary": (
            "The UK industry body for health technology companies. It signed an agreement to "
            "work with BHP in June 2025."
        ),
        "description": (
            "<p>ABHI represents companies that make health technology. This ranges from everyday "
            "items such as dressings to robots, tests and digital tools.</p>"
            "<p>In June 2025, ABHI and Birmingham Health Partners signed a memorandum of "
            "understanding. It sets out how they will work together on healthtech research and "
            "innovation.</p>"
        ),
        "website": "https://www.abhi.org.uk/",
        "colour": "#003b5c",
    },
    {
        "slug": "abpi",
        "name": "Association of the British Pharmaceutical Industry",
        "short_name": "ABPI",
        "other_names": [],
        "kind": "other",
        "is_member": False,
        "founding_member": False,
        "joined_on": None,
        "left_on": None,
        "summary": (
            "The trade body for companies that research and make medicines in the UK. It signed "
            "an agreement with BHP in 2019."
        ),
        "description": (
            "<p>The ABPI speaks for pharmaceutical companies of all sizes working in the UK.</p>"
            "<p>In 2019, the ABPI and Birmingham Health Partners signed a memorandum of "
            "understanding. The aim was to make it easier for industry to run research with our "
            "members.</p>"
        ),
        "website": "https://www.abpi.org.uk/",
        "colour": "#5a2a82",
    },
    {
        "slug": "robert-jones-and-agnes-hunt",
        "name": "The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust",
        "short_name": "RJAH",
        "other_names": [
            "Robert Jones and Agnes Hunt Orthopaedic Hospital",
            "Robert Jones and Agnes Hunt",
        ],
        "kind": "nhs_trust",
        "is_member": False,
        "founding_member": False,
        "joined_on": None,
        "left_on": None,
        "summary": (
            "A specialist orthopaedic hospital in Oswestry. It has a strategic alliance with the "
            "Royal Orthopaedic Hospital."
        ),
        "description": (
            "<p>RJAH is a specialist orthopaedic hospital based in Oswestry, Shropshire. It is "
            "known across the country for planned bone and joint surgery.</p>"
            "<p>RJAH is not a member of Birmingham Health Partners. It works closely with our "
            "member the Royal Orthopaedic Hospital through a formal alliance.</p>"
        ),
        "website": "https://www.rjah.nhs.uk/",
        "colour": "#004d40",
    },
    {
        "slug": "nihr",
        "name": "National Institute for Health and Care Research",
        "short_name": "NIHR",
        "other_names": [
            "National Institute for Health Research",
        ],
        "kind": "other",
        "is_member": False,
        "founding_member": False,
        "joined_on": None,
        "left_on": None,
        "summary": (
            "The national body that funds health and care research in England. It supports many "
            "studies run by our members."
        ),
        "description": (
            "<p>The NIHR pays for research that aims to improve health and social care. It also "
            "funds the people, facilities and systems that make research possible.</p>"
            "<p>Our members hold NIHR funding for trials, research centres and training. This "
            "includes the NIHR Birmingham Biomedical Research Centre.</p>"
        ),
        "website": "https://www.nihr.ac.uk/",
        "colour": "#193e72",
    },
    {
        "slug": "university-of-bath",
        "name": "University of Bath",
        "short_name": "Bath",
        "other_names": [
            "Bath University",
        ],
        "kind": "university",
        "is_member": False,
        "founding_member": False,
        "joined_on": None,
        "left_on": None,
        "summary": (
            "A university in the south west of England. Its researchers have worked with our "
            "members on arthritis research."
        ),
        "description": (
            "<p>The University of Bath is a research university in the south west of England.</p>"
            "<p>It is not a member of Birmingham Health Partners. Its scientists have worked "
            "with the Royal Orthopaedic Hospital and the University of Birmingham on arthritis "
            "and pain.</p>"
        ),
        "website": "https://www.bath.ac.uk/",
        "colour": "#1e3a5f",
    },
]

GOALS = [
    {
        "slug": "equal-access-to-research",
        "title": "Fair access to research",
        "summary": (
            "Make sure everyone in our city and region can share in what health and care "
            "research has to offer."
        ),
        "description": (
            "<p>Some groups of people are much less likely to be asked to take part in research. "
            "This means new treatments may not work as well for them.</p>"
            "<p>We want studies to reflect the people who live here. We will make it easier for "
            "every community to take part and to benefit.</p>"
        ),
        "order": 1,
    },
    {
        "slug": "research-at-the-heart-of-care",
        "title": "Research at the heart of care",
        "summary": (
            "Carry out research that makes a real difference and build proven new ideas into "
            "clinical care."
        ),
        "description": (
            "<p>Patients do better in hospitals and services that take part in research. We want "
            "research to be a normal part of care across all our members.</p>"
            "<p>We will focus on studies that answer questions that matter to patients and "
            "staff.</p>"
        ),
        "order": 2,
    },
    {
        "slug": "innovation-into-practice",
        "title": "From evidence to everyday practice",
        "summary": (
            "Take new treatments, tests and ways of working that have been shown to help, and "
            "use them in routine care."
        ),
        "description": (
            "<p>Good ideas can take many years to reach patients. We want to shorten that "
            "wait.</p>"
            "<p>We will work with the NHS, industry and our innovation network to test new ideas "
            "in real settings and then spread what works.</p>"
        ),
        "order": 3,
    },
]

THEMES = [
    {
        "slug": "clinical-trials",
        "title": "Clinical trials",
        "summary": (
            "Running well-designed trials of every size, from first studies in people to large "
            "international trials."
        ),
        "description": (
            "<p>Birmingham is a national leader in clinical trials. For more than 30 years the "
            "city has been home to a Cancer Research UK trials unit that is one of the biggest "
            "in Europe.</p>"
            "<p>Our teams are skilled in new ways of designing trials. We want the people who "
            "take part to reflect the population we serve.</p>"
        ),
        "lead": "",
        "order": 1,
    },
    {
        "slug": "early-detection-and-diagnosis",
        "title": "Early detection and diagnosis",
        "summary": (
            "Finding illness sooner, in the community and in hospital, through new tests, tools "
            "and care pathways."
        ),
        "description": (
            "<p>When illness is found early, treatment is often simpler and more likely to work. "
            "It also eases pressure on the NHS.</p>"
            "<p>We bring together skills in immunology, genomics, health data and regulatory "
            "science. We use them to build new tests and better ways to spot disease.</p>"
        ),
        "lead": "",
        "order": 2,
    },
    {
        "slug": "experimental-medicine",
        "title": "Experimental medicine",
        "summary": (
            "Testing promising new treatments, such as cell and gene therapies and personalised "
            "medicine, in people."
        ),
        "description": (
            "<p>Experimental medicine studies help us learn how a new treatment works in people. "
            "They are often the first step towards a larger trial.</p>"
            "<p>We focus on the health problems that affect Birmingham most. We also want every "
            "community to have a fair chance to join these studies.</p>"
        ),
        "lead": "",
        "order": 3,
    },
    {
        "slug": "health-inequalities",
        "title": "Addressing health inequalities",
        "summary": (
            "Tackling the unfair gaps in health between different groups of people in Birmingham."
        ),
        "description": (
            "<p>Birmingham is the third-poorest city in the UK. It also has a very young and "
            "very mixed population. These facts shape the health of the people who live here.</p>"
            "<p>We want everyone to have the same chance to benefit from research and good care. "
            "We study local health problems and look for ways to close the gaps, now and for the "
            "next generation.</p>"
        ),
        "lead": "Dr Joht Singh Chandan",
        "order": 4,
    },
]

PRIORITIES = [
    {
        "slug": "cancer-outcomes",
        "title": "Cancer outcomes",
        "summary": (
            "Improving cancer care, cutting harmful side effects and helping people live well "
            "after treatment."
        ),
        "description": (
            "<p>People with cancer in Birmingham currently have worse outcomes than the average "
            "for England. About one in two of us will be told we have cancer at some point in "
            "our lives.</p>"
            "<p>We want to use the latest research to improve care. That means fewer side "
            "effects and a better quality of life once treatment ends.</p>"
        ),
        "order": 1,
        "statistics": [
            {
                "label": "People expected to get cancer in their lifetime",
                "value": "1 in 2",
                "unit": "people",
                "source": "Birmingham Health Partners strategy",
                "source_url": "",
                "as_of": "2024-09-01",
            },
        ],
    },
    {
        "slug": "inflammation-and-chronic-disease",
        "title": "Inflammation and chronic disease",
        "summary": (
            "Helping people with long-term conditions stay well, and stopping these conditions "
            "from starting."
        ),
        "description": (
            "<p>Problems with muscles, bones and joints are the second biggest reason people "
            "miss work. In Birmingham, liver disease and heart and circulation disease do the "
            "most to shorten lives.</p>"
            "<p>Our research aims to improve health for people living with long-term conditions. "
            "We also want to prevent more people from developing them.</p>"
        ),
        "order": 2,
        "statistics": [
            {
                "label": "Musculoskeletal conditions as a cause of absence from work",
                "value": "2nd",
                "unit": "most common cause",
                "source": "Birmingham Health Partners strategy",
                "source_url": "",
                "as_of": "2024-09-01",
            },
        ],
    },
    {
        "slug": "maternal-health",
        "title": "Maternal health and perinatal mortality",
        "summary": (
            "Making pregnancy and birth safer for mothers and babies in Birmingham and beyond."
        ),
        "description": (
            "<p>Birmingham has the highest infant mortality rate in England. For every 1,000 "
            "babies born alive, 7.9 die before their first birthday.</p>"
            "<p>Our research groups are known around the world for their work on pregnancy and "
            "the health of newborn babies. Professor Shakila Thangaratinam leads our work in "
            "this area.</p>"
        ),
        "order": 3,
        "statistics": [
            {
                "label": "Infant mortality rate",
                "value": "7.9",
                "unit": "deaths per 1,000 live births",
                "source": "Birmingham Health Partners strategy",
                "source_url": "",
                "as_of": "2024-09-01",
            },
        ],
    },
    {
        "slug": "mental-health",
        "title": "Mental health",
        "summary": (
            "Understanding what causes mental ill health, preventing it and finding better "
            "treatments."
        ),
        "description": (
            "<p>At any one time, around one in four adults in Birmingham has a mental health "
            "problem. It causes more days off sick than anything else.</p>"
            "<p>Our aim is to learn more about why people become unwell. We will use what we "
            "learn to prevent problems, support people earlier and develop new treatments.</p>"
        ),
        "order": 4,
        "statistics": [
            {
                "label": "Adults with a mental health problem at any one time",
                "value": "1 in 4",
                "unit": "adults",
                "source": "Birmingham Health Partners strategy",
                "source_url": "",
                "as_of": "2024-09-01",
            },
        ],
    },
]

STRATEGY_PAGE = {
    "introduction": (
        "<p>Birmingham Health Partners brings together universities, NHS trusts and a health "
        "innovation network. Our five-year strategy explains how we will work as one to improve "
        "health in Birmingham and beyond.</p>"
        "<p>We want new research to reach patients faster. We also want every community to have "
        "a fair chance to take part in research and to benefit from it.</p>"
    ),
    "quote": (
        "Research only counts when it changes care. We will work as one so that every community "
        "in our region shares in what research brings, and so that our local economy grows too."
    ),
    "quote_attribution": "Birmingham Health Partners",
    "impact": (
        "<p>Patients come first. People in our communities will get care that is shaped by the "
        "latest evidence.</p>"
        "<p>The whole region should gain too. A strong health and life sciences sector brings "
        "new companies, new jobs and more investment.</p>"
        "<p>We will also help to build a skilled workforce. Staff will have the confidence to "
        "take part in research, lead it and turn it into better services. Some will go on to "
        "start companies of their own.</p>"
    ),
}

ARTICLES = [
    {
        "slug": "bhp-signs-memorandum-of-understanding-with-abpi",
        "title": "BHP signs agreement with the pharmaceutical industry",
        "summary": (
            "Birmingham Health Partners and the ABPI have agreed to work together. The aim is to "
            "make it easier for medicines companies to run research in Birmingham."
        ),
        "body": (
            "<p>Birmingham Health Partners (BHP) has signed a memorandum of understanding (MoU) "
            "with the Association of the British Pharmaceutical Industry (ABPI).</p>"
            "<p>The ABPI represents companies that research and make medicines in the UK. The "
            "MoU sets out how we plan to work together.</p>"
            "<h2>What the agreement means</h2>"
            "<p>Companies can find it hard to know who to contact when they want to run a study. "
            "The agreement aims to give them a simpler way in to the research teams and "
            "hospitals across our partnership.</p>"
            "<p>For patients, more industry studies can mean earlier access to new medicines. "
            "For the region, it can bring jobs and investment.</p>"
            "<p>You can read more about the ABPI on the <a "
            'href="https://www.abpi.org.uk/">Association of the British Pharmaceutical Industry '
            "website</a>.</p>"
        ),
        "author": "BHP Communications Team",
        "publish_at": "2019-07-09T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Industry",
            "Clinical trials",
        ],
        "organisations": [
            "abpi",
        ],
        "themes": [
            "clinical-trials",
        ],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘BHP signs agreement with the pharmaceutical industry’ "
            "on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "bhp-and-abhi-sign-healthtech-partnership",
            "almost-98000-patients-took-part-in-research",
        ],
    },
    {
        "slug": "sandwell-and-west-birmingham-hospitals-joins-bhp",
        "title": "Sandwell and West Birmingham Hospitals joins Birmingham Health Partners",
        "summary": (
            "SWBH has become a member of BHP. It is the first NHS trust to join since the "
            "partnership was set up."
        ),
        "body": (
            "<p>Sandwell and West Birmingham Hospitals NHS Trust (SWBH) joined Birmingham Health "
            "Partners (BHP) in February 2022.</p>"
            "<p>SWBH is now a member alongside the University of Birmingham, University "
            "Hospitals Birmingham, Birmingham Women’s and Children’s and the West Midlands "
            "Academic Health Science Network.</p>"
            "<h2>Why this matters</h2>"
            "<p>SWBH cares for people in Sandwell and the west of Birmingham. These are some of "
            "the most diverse communities in the country. Many people there also face poorer "
            "health than people in other areas.</p>"
            "<p>Research works best when the people taking part reflect the people who will use "
            "the results. Having SWBH in the partnership gives more local people the chance to "
            "join studies.</p>"
            "<p>It also means staff at SWBH can work more easily with researchers at our other "
            "members.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2022-02-15T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Membership",
            "Health inequalities",
        ],
        "organisations": [
            "sandwell-and-west-birmingham",
            "university-of-birmingham",
            "university-hospitals-birmingham",
            "birmingham-womens-and-childrens",
            "health-innovation-west-midlands",
        ],
        "themes": [
            "health-inequalities",
        ],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Sandwell and West Birmingham Hospitals joins "
            "Birmingham Health Partners’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "royal-orthopaedic-hospital-becomes-fourth-nhs-member",
            "aston-university-joins-birmingham-health-partners",
        ],
    },
    {
        "slug": "royal-orthopaedic-hospital-becomes-fourth-nhs-member",
        "title": "Royal Orthopaedic Hospital becomes BHP’s fourth NHS member",
        "summary": (
            "The Royal Orthopaedic Hospital has joined Birmingham Health Partners. It brings "
            "specialist knowledge of bones, joints and muscles to the partnership."
        ),
        "body": (
            "<p>The Royal Orthopaedic Hospital NHS Foundation Trust (ROH) is now a member of "
            "Birmingham Health Partners (BHP). It is our fourth NHS member.</p>"
            "<p>The other NHS members are University Hospitals Birmingham, Birmingham Women’s "
            "and Children’s and Sandwell and West Birmingham Hospitals. The University of "
            "Birmingham and the West Midlands Academic Health Science Network complete the "
            "partnership.</p>"
            "<h2>About the ROH</h2>"
            "<p>The ROH is the longest-running hospital of its type in the UK. It is also one of "
            "the biggest specialist orthopaedic units in Europe. Its teams replace joints, "
            "operate on the spine, treat bone cancer and help people manage pain.</p>"
            "<p>The hospital has welcomed Birmingham medical students since 1891. Its research "
            "covers regrowing diseased bone, designing better replacement joints and testing "
            "drugs that could mean fewer operations.</p>"
            "<h2>Working together</h2>"
            "<p>The ROH was already working with BHP members before it joined. In one recent "
            "study, scientists from the ROH, the University of Birmingham and the University of "
            "Bath found a group of cells linked to how arthritis progresses and how much pain "
            "people feel. This could lead to more targeted pain relief.</p>"
            "<p>BHP Director Professor David Adams said orthopaedics and trauma are real "
            "strengths for Birmingham. Partners now plan joint work on arthritis and "
            "inflammation, trauma, and cancers of bone and soft tissue. ROH Chief Executive Jo "
            "Williams welcomed the chance to collaborate.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2022-05-10T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Membership",
            "Orthopaedics",
        ],
        "organisations": [
            "royal-orthopaedic-hospital",
            "university-of-birmingham",
            "university-of-bath",
        ],
        "themes": [],
        "priorities": [
            "inflammation-and-chronic-disease",
        ],
        "image_alt": (
            "Illustration with the words ‘Royal Orthopaedic Hospital becomes BHP’s fourth NHS "
            "member’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "sandwell-and-west-birmingham-hospitals-joins-bhp",
            "orthopaedic-hospitals-form-strategic-alliance",
        ],
    },
    {
        "slug": "bhp-evaluation-service-launched",
        "title": "New BHP Evaluation Service will test what works, fast",
        "summary": (
            "BHP has set up an Evaluation Service. It will give the NHS quick, useful evidence "
            "about new services while they are being rolled out."
        ),
        "body": (
            "<p>Birmingham Health Partners (BHP) has launched a new Evaluation Service.</p>"
            "<p>The NHS often brings in new services quickly. It then needs to know, just as "
            "quickly, whether they are working. The new service is designed to help with "
            "that.</p>"
            "<h2>What the service does</h2>"
            "<ul>"
            "<li>It looks at new services while they are being set up, not years later.</li>"
            "<li>It shares what it learns so other areas can benefit.</li>"
            "<li>It helps NHS teams build the skills to evaluate their own work.</li>"
            "</ul>"
            "<p>The team is based at the University of Birmingham. It works with NHS members of "
            "the partnership to agree what each evaluation should cover.</p>"
            "<p><em>Update: the service is now called the BHP Rapid Evaluation Centre. Find out "
            'more on the <a href="https://www.birminghamhealthpartners.co.uk/for-researchers/'
            'evaluation-service/">BHP evaluation service page</a>.</em></p>'
        ),
        "author": "Louise Stanley",
        "publish_at": "2022-07-05T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Evaluation",
            "NHS services",
        ],
        "organisations": [
            "university-of-birmingham",
        ],
        "themes": [],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘New BHP Evaluation Service will test what works, fast’ "
            "on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "virtual-wards-evaluation-birmingham-and-solihull",
        ],
    },
    {
        "slug": "aston-university-joins-birmingham-health-partners",
        "title": "Aston University joins Birmingham Health Partners",
        "summary": (
            "Aston University has become the seventh member of BHP. It is the second university "
            "in the partnership."
        ),
        "body": (
            "<p>Aston University is the newest member of Birmingham Health Partners (BHP). It is "
            "our seventh member and our second university, joining the University of "
            "Birmingham.</p>"
            "<p>Aston is based in the centre of Birmingham. It has its own medical school and "
            "teaches and researches many health subjects.</p>"
            "<h2>A growing partnership</h2>"
            "<p>Aston is the third new member to join this year, after Sandwell and West "
            "Birmingham Hospitals and the Royal Orthopaedic Hospital.</p>"
            "<p>With two universities, four NHS trusts and a health innovation network, the "
            "partnership now covers more of the city’s health research. This gives patients, "
            "staff and students more chances to take part.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2022-09-20T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Membership",
            "Universities",
        ],
        "organisations": [
            "aston-university",
            "university-of-birmingham",
        ],
        "themes": [],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Aston University joins Birmingham Health Partners’ on "
            "a coloured background"
        ),
        "image_caption": "",
        "related": [
            "royal-orthopaedic-hospital-becomes-fourth-nhs-member",
            "report-of-activity-2020-to-2022",
        ],
    },
    {
        "slug": "nihr-birmingham-biomedical-research-centre-renewed",
        "title": "NIHR Birmingham Biomedical Research Centre renewed with more than £30m",
        "summary": (
            "The NIHR has renewed funding for the Birmingham Biomedical Research Centre. More "
            "than £30m will support research into inflammation."
        ),
        "body": (
            "<p>The National Institute for Health and Care Research (NIHR) has renewed its "
            "funding for the NIHR Birmingham Biomedical Research Centre (BRC). The award is "
            "worth more than £30m.</p>"
            "<h2>What is a Biomedical Research Centre?</h2>"
            "<p>A BRC is a partnership between an NHS trust and a university. It turns early "
            "science into new tests and treatments and then tries them out with patients.</p>"
            "<p>In Birmingham, the centre brings together University Hospitals Birmingham and "
            "the University of Birmingham, both members of BHP.</p>"
            "<h2>A focus on inflammation</h2>"
            "<p>Inflammation plays a part in many long-term conditions, including arthritis and "
            "liver disease. The new funding will help teams understand it better and find better "
            "ways to treat it.</p>"
            '<p>Read more on the <a href="https://www.birminghambrc.nihr.ac.uk/">NIHR Birmingham '
            "Biomedical Research Centre website</a>.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2022-10-03T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Funding",
            "Inflammation",
        ],
        "organisations": [
            "nihr",
            "university-hospitals-birmingham",
            "university-of-birmingham",
        ],
        "themes": [
            "experimental-medicine",
        ],
        "priorities": [
            "inflammation-and-chronic-disease",
        ],
        "image_alt": (
            "Illustration with the words ‘NIHR Birmingham Biomedical Research Centre renewed "
            "with more than £30m’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "steroid-drug-shows-promise-for-arthritis",
        ],
    },
    {
        "slug": "pregnancy-policy-commission-report",
        "title": "Policy commission publishes report on pregnancy",
        "summary": (
            "A BHP policy commission has published its report on making pregnancy safer and "
            "healthier for women and babies."
        ),
        "body": (
            "<p>The Pregnancy Policy Commission has published its report.</p>"
            "<p>Birmingham has one of the highest infant mortality rates in England. Outcomes "
            "for mothers and babies are also very different between communities. The commission "
            "was set up to look at why, and what could change.</p>"
            "<h2>What the report covers</h2>"
            "<p>The report brings together evidence from research, health services and people "
            "with lived experience. It suggests actions for those who plan services, for NHS "
            "leaders and for researchers.</p>"
            "<p>Maternal health is an area where our members have long experience. We hope the "
            "report will help turn that research into safer care for families.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2022-10-25T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Maternal health",
            "Report",
            "Health inequalities",
        ],
        "organisations": [
            "birmingham-womens-and-childrens",
            "university-of-birmingham",
        ],
        "themes": [
            "health-inequalities",
        ],
        "priorities": [
            "maternal-health",
        ],
        "image_alt": (
            "Illustration with the words ‘Policy commission publishes report on pregnancy’ on a "
            "coloured background"
        ),
        "image_caption": "",
        "related": [
            "report-of-activity-2020-to-2022",
            "bhp-five-year-strategy",
        ],
    },
    {
        "slug": "report-of-activity-2020-to-2022",
        "title": "Our first report of activity, 2020 to 2022",
        "summary": (
            "BHP has released its first report of activity. It covers September 2020 to August "
            "2022, a period when three new members joined."
        ),
        "body": (
            "<p>We have released our first report of activity at Birmingham Health Partners "
            "(BHP). It covers the two years from September 2020 to August 2022.</p>"
            "<p>During that time, three new members joined the partnership: Sandwell and West "
            "Birmingham Hospitals, the Royal Orthopaedic Hospital and Aston University.</p>"
            "<h2>What is in the report</h2>"
            "<ul>"
            "<li>how we help our members plan and work together</li>"
            "<li>support for training and research careers</li>"
            "<li>funding we have helped to win</li>"
            "<li>our work on health data and digital services</li>"
            "</ul>"
            "<p>In the report, Chair Ed Smith and Director Professor David Adams explain why "
            "joining up research and care across the city matters. The large health gaps in our "
            "region are a key reason for working together.</p>"
            "<p>The report is written for our members, partners and anyone with an interest in "
            "health in the West Midlands. It is available as a PDF file (4 MB).</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2022-11-15T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Report",
            "Membership",
        ],
        "organisations": [
            "sandwell-and-west-birmingham",
            "royal-orthopaedic-hospital",
            "aston-university",
        ],
        "themes": [],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Our first report of activity, 2020 to 2022’ on a "
            "coloured background"
        ),
        "image_caption": "",
        "related": [
            "almost-98000-patients-took-part-in-research",
            "aston-university-joins-birmingham-health-partners",
        ],
    },
    {
        "slug": "almost-98000-patients-took-part-in-research",
        "title": "Almost 98,000 patients took part in research in five years",
        "summary": (
            "In the five years to 2022, BHP partners recruited almost 98,000 patients to 1,475 "
            "studies. Just over a quarter of the studies were commercial."
        ),
        "body": (
            "<p>New figures show how many people in our region help with health research.</p>"
            "<h2>The numbers</h2>"
            "<p>In the five years up to 2022, our partners:</p>"
            "<ul>"
            "<li>recruited almost 98,000 patients</li>"
            "<li>ran 1,475 studies</li>"
            "<li>saw 28% of those studies funded by industry</li>"
            "</ul>"
            "<p>Every one of those patients gave their time to help others. We are very grateful "
            "to them.</p>"
            "<h2>How to take part</h2>"
            "<p>If you would like to join a study, ask your doctor or nurse. You can also search "
            'for studies near you on <a href="https://bepartofresearch.nihr.ac.uk/">the NIHR Be '
            "Part of Research website</a>.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2022-12-06T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Clinical trials",
            "Industry",
            "Report",
        ],
        "organisations": [
            "university-hospitals-birmingham",
            "birmingham-womens-and-childrens",
            "sandwell-and-west-birmingham",
            "royal-orthopaedic-hospital",
            "university-of-birmingham",
        ],
        "themes": [
            "clinical-trials",
        ],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Almost 98,000 patients took part in research in five "
            "years’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "report-of-activity-2020-to-2022",
            "largest-uk-surgical-trial-to-cut-infections",
            "bhp-signs-memorandum-of-understanding-with-abpi",
        ],
    },
    {
        "slug": "bhp-starter-fellowships-open",
        "title": "BHP Starter Fellowships now open",
        "summary": (
            "Our Starter Fellowships help people take their first steps in research. "
            "Applications are now open."
        ),
        "body": (
            "<p>Applications are open for the BHP Starter Fellowship.</p>"
            "<p>The fellowship is for people who are new to research and work at one of our "
            "members. It gives them time and support to develop an idea and prepare a bid for "
            "further funding.</p>"
            "<h2>Who can apply</h2>"
            "<p>We welcome applications from doctors, nurses, midwives, allied health "
            "professionals, scientists and other staff. We are keen to hear from people in "
            "groups that are less often seen in research.</p>"
            "<p>Please read the guidance before you apply. It explains who is eligible and when "
            "the scheme closes.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2023-03-07T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Funding",
            "Careers",
        ],
        "organisations": [],
        "themes": [
            "health-inequalities",
        ],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘BHP Starter Fellowships now open’ on a coloured "
            "background"
        ),
        "image_caption": "",
        "related": [
            "nominations-open-for-bhp-people-award",
            "bhp-starter-fellowships-2027",
        ],
    },
    {
        "slug": "jonathan-pearson-appointed-chair",
        "title": "Jonathan Pearson appointed Chair of Birmingham Health Partners",
        "summary": (
            "Health business leader Jonathan Pearson is the new Chair of BHP. He takes over from "
            "Ed Smith."
        ),
        "body": (
            "<p>Jonathan Pearson has become Chair of Birmingham Health Partners (BHP). He will "
            "serve a two-year term.</p>"
            "<p>Jonathan has many years of experience as a leader in health businesses. As "
            "Chair, he will lead the BHP Board and help set the direction of the partnership.</p>"
            "<h2>Thanks to Ed Smith</h2>"
            "<p>Jonathan takes over from Ed Smith, a former Chairman of NHS Improvement. Ed "
            "served as our independent chair as the partnership grew. We thank him for his "
            "leadership.</p>"
            "<p>One of Jonathan’s first tasks will be to oversee work on a new five-year "
            "strategy.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2023-10-03T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Leadership",
            "Strategy",
        ],
        "organisations": [],
        "themes": [],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Jonathan Pearson appointed Chair of Birmingham Health "
            "Partners’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "bhp-chair-to-lead-health-innovation-west-midlands",
            "bhp-five-year-strategy",
        ],
    },
    {
        "slug": "nominations-open-for-bhp-people-award",
        "title": "Nominations open for the BHP People Award",
        "summary": (
            "Do you know someone who helps research happen across our partnership? Nominate them "
            "for the BHP People Award."
        ),
        "body": (
            "<p>Nominations are now open for the BHP People Award.</p>"
            "<p>The award celebrates staff who help our members work together. They might lead "
            "research, support it behind the scenes or help patients take part.</p>"
            "<h2>How to nominate</h2>"
            "<p>Anyone who works at a BHP member can nominate a colleague. Tell us in a few "
            "sentences what they did and why it mattered.</p>"
            "<p>We will announce the winners later in the year.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2024-02-06T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Careers",
            "Leadership",
        ],
        "organisations": [],
        "themes": [],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Nominations open for the BHP People Award’ on a "
            "coloured background"
        ),
        "image_caption": "",
        "related": [
            "bhp-starter-fellowships-open",
        ],
    },
    {
        "slug": "bhp-five-year-strategy",
        "title": "BHP sets out its five-year strategy",
        "summary": (
            "Our new five-year strategy sets three goals, four research themes and four health "
            "priorities for Birmingham."
        ),
        "body": (
            "<p>Birmingham Health Partners (BHP) has published a new five-year strategy. It "
            "explains what we want to achieve and how our members will work together.</p>"
            "<h2>Our goals</h2>"
            "<ul>"
            "<li>Fair access to research for everyone in our region.</li>"
            "<li>Research at the heart of clinical care.</li>"
            "<li>Proven new ideas used in everyday practice.</li>"
            "</ul>"
            "<h2>Our research themes</h2>"
            "<p>Our work is organised into four themes: clinical trials, early detection and "
            "diagnosis, experimental medicine and addressing health inequalities.</p>"
            "<h2>Our health priorities</h2>"
            "<p>We will focus on four of the biggest health problems in Birmingham: cancer, "
            "inflammation and long-term conditions, the health of mothers and babies, and mental "
            "health.</p>"
            "<blockquote>"
            "<p>Research only counts when it changes care. We will work as one so that every "
            "community in our region shares in what research brings, and so that our local "
            "economy grows too.</p>"
            "</blockquote>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2024-09-10T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Strategy",
            "Health inequalities",
        ],
        "organisations": [],
        "themes": [
            "clinical-trials",
            "early-detection-and-diagnosis",
            "experimental-medicine",
            "health-inequalities",
        ],
        "priorities": [
            "cancer-outcomes",
            "inflammation-and-chronic-disease",
            "maternal-health",
            "mental-health",
        ],
        "image_alt": (
            "Illustration with the words ‘BHP sets out its five-year strategy’ on a coloured "
            "background"
        ),
        "image_caption": "",
        "related": [
            "birmingham-community-healthcare-becomes-ninth-member",
            "bhp-chair-to-lead-health-innovation-west-midlands",
        ],
    },
    {
        "slug": "birmingham-community-healthcare-becomes-ninth-member",
        "title": "Birmingham Community Healthcare becomes BHP’s ninth member",
        "summary": (
            "Birmingham Community Healthcare NHS Foundation Trust has joined BHP. It will help "
            "us take research out of hospitals and into the community."
        ),
        "body": (
            "<p>Birmingham Community Healthcare NHS Foundation Trust (BCHC) has joined "
            "Birmingham Health Partners (BHP). It is our ninth member.</p>"
            "<p>BCHC cares for people in their own homes, in local clinics and in community "
            "hospitals. Many of the people it sees never need to go into a large hospital.</p>"
            "<h2>Research closer to home</h2>"
            "<p>Our new strategy says research should happen in the community as well as in "
            "hospitals. BCHC will help make that possible. It also gives us new ways to reach "
            "people who are less likely to take part in studies.</p>"
            "<h2>Our members</h2>"
            "<p>BCHC joins the University of Birmingham, University Hospitals Birmingham, "
            "Birmingham Women’s and Children’s, Health Innovation West Midlands, Sandwell and "
            "West Birmingham Hospitals, the Royal Orthopaedic Hospital, Aston University and "
            "Birmingham and Solihull Mental Health NHS Foundation Trust.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2024-11-12T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Membership",
            "Health inequalities",
        ],
        "organisations": [
            "birmingham-community-healthcare",
        ],
        "themes": [
            "health-inequalities",
            "early-detection-and-diagnosis",
        ],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Birmingham Community Healthcare becomes BHP’s ninth "
            "member’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "sandwell-and-west-birmingham-hospitals-joins-bhp",
            "bhp-five-year-strategy",
            "teenager-first-in-uk-to-get-new-diabetes-treatment",
        ],
    },
    {
        "slug": "largest-uk-surgical-trial-to-cut-infections",
        "title": "Largest UK surgical trial aims to cut infections after operations",
        "summary": (
            "The ROSSINI-Platform trial will compare 18 ways to prevent wound infections after "
            "surgery. It aims to recruit 26,000 patients at 100 UK sites."
        ),
        "body": (
            "<p>The University of Birmingham has won more than £10m from the National Institute "
            "for Health and Care Research (NIHR) for a major new trial. ROSSINI-Platform will "
            "try to find the best ways to stop wounds becoming infected after an operation.</p>"
            "<p>It is the largest surgical trial ever run in the UK. Over five years, it aims to "
            "recruit 26,000 patients at 100 hospitals.</p>"
            "<h2>Why it matters</h2>"
            "<p>Wound infection is the most common problem after surgery. It can affect as many "
            "as one in four patients. Infections slow recovery, keep people in hospital longer "
            "and cost the NHS at least £700m each year.</p>"
            "<h2>How the trial works</h2>"
            "<p>The trial is led by Professor Thomas Pinkney and the Birmingham Clinical Trials "
            "Unit. It will test 18 different measures, all already in use. Examples include:</p>"
            "<ul>"
            "<li>new solutions to clean wounds during surgery</li>"
            "<li>special dressings after surgery</li>"
            "<li>changing how antibiotics are given</li>"
            "<li>changing gloves and instruments during an operation</li>"
            "</ul>"
            "<p>Measures that work well stay in the trial, and those that do not are dropped. "
            "The team will look at many kinds of surgery, such as caesarean sections and heart "
            "operations. Sue Blackwell, who had serious infections after her own operations, is "
            "using that experience to help shape the trial.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2025-01-28T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Clinical trials",
            "Funding",
            "Surgery",
        ],
        "organisations": [
            "university-of-birmingham",
            "nihr",
        ],
        "themes": [
            "clinical-trials",
        ],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Largest UK surgical trial aims to cut infections after "
            "operations’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "almost-98000-patients-took-part-in-research",
            "teenager-first-in-uk-to-get-new-diabetes-treatment",
        ],
    },
    {
        "slug": "steroid-drug-shows-promise-for-arthritis",
        "title": "Steroid drug shows promise as a safer arthritis treatment",
        "summary": (
            "Early research at the University of Birmingham suggests vamorolone may calm "
            "inflammation with less harm to muscle and bone."
        ),
        "body": (
            "<p>Steroid drugs called glucocorticoids are widely used to treat inflammation, for "
            "example in rheumatoid arthritis. They work well, but they can weaken muscles and "
            "bones. This makes falls and broken bones more likely.</p>"
            "<p>Vamorolone is a newer steroid. It is already approved by the US Food and Drug "
            "Administration (FDA) to treat Duchenne muscular dystrophy.</p>"
            "<h2>What the study found</h2>"
            "<p>Researchers tested vamorolone in mice with long-term arthritis. It reduced "
            "inflammation as well as standard steroids did, but caused fewer side effects. The "
            "results were published in the journal <em>Rheumatology</em>. The study was funded "
            "by the Foundation to Eradicate Duchenne.</p>"
            "<p>Dr Rowan Hardy, Associate Professor in Steroid Metabolism and Signalling at the "
            "University of Birmingham, is part of the team. A treatment that calms arthritis "
            "without weakening muscle and bone could mean fewer falls and fractures for "
            "patients.</p>"
            "<h2>What happens next</h2>"
            "<p>The team has won more funding to find out how vamorolone protects muscle and "
            "bone. With the Birmingham Rheumatology group, led by Professor Adam Croft, and the "
            "NIHR Birmingham Biomedical Research Centre, they will now explore clinical trials "
            "in people with rheumatoid arthritis.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2025-02-20T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Arthritis",
            "Inflammation",
        ],
        "organisations": [
            "university-of-birmingham",
            "nihr",
        ],
        "themes": [
            "experimental-medicine",
        ],
        "priorities": [
            "inflammation-and-chronic-disease",
        ],
        "image_alt": (
            "Illustration with the words ‘Steroid drug shows promise as a safer arthritis "
            "treatment’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "nihr-birmingham-biomedical-research-centre-renewed",
            "royal-orthopaedic-hospital-becomes-fourth-nhs-member",
        ],
    },
    {
        "slug": "teenager-first-in-uk-to-get-new-diabetes-treatment",
        "title": "Birmingham teenager is first in UK to get new type 1 diabetes treatment",
        "summary": (
            "A 14-year-old found through the ELSA screening study is the first person in the UK "
            "to receive teplizumab, a drug that can delay type 1 diabetes."
        ),
        "body": (
            "<p>Sam is 14 and lives in Kings Norton. His dad has type 1 diabetes, so Sam was "
            "tested through the ELSA study. The test showed he was in the early stages of the "
            "condition.</p>"
            "<p>Sam has now become the first person in the UK to be given teplizumab. He "
            "received it at the Clinical Research Facility at Birmingham Children’s Hospital. In "
            "earlier trials, the drug put off the need for insulin by up to three years.</p>"
            "<h2>About the ELSA study</h2>"
            "<p>ELSA is led by the University of Birmingham. It checks children aged 3 to 13 for "
            "signs that they may develop type 1 diabetes. In its first two years it screened "
            "more than 20,000 children in the UK, and it is now expanding across Europe.</p>"
            "<p>Many children are only diagnosed when they become very ill. Finding the "
            "condition early gives families time to learn about it and plan. Some children may "
            "also be able to have treatment to delay it.</p>"
            "<p>Dr Renuka Dias, Consultant Paediatric Endocrinologist at Birmingham Women’s and "
            "Children’s, is part of the team. Professor Parth Narendran, who leads the type 1 "
            "diabetes service at Queen Elizabeth Hospital Birmingham, hopes the study will lead "
            "to a national screening programme for children.</p>"
            '<p>Find out more on the <a href="https://www.elsadiabetes.nhs.uk/">ELSA study '
            "website</a>.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2025-03-18T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Diabetes",
            "Children",
            "Clinical trials",
        ],
        "organisations": [
            "birmingham-womens-and-childrens",
            "university-of-birmingham",
            "university-hospitals-birmingham",
            "birmingham-community-healthcare",
        ],
        "themes": [
            "early-detection-and-diagnosis",
            "clinical-trials",
        ],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Birmingham teenager is first in UK to get new type 1 "
            "diabetes treatment’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "birmingham-community-healthcare-becomes-ninth-member",
            "largest-uk-surgical-trial-to-cut-infections",
        ],
    },
    {
        "slug": "bhp-chair-to-lead-health-innovation-west-midlands",
        "title": "BHP Chair Jonathan Pearson to become Chair of Health Innovation West Midlands",
        "summary": (
            "Jonathan Pearson will step down as Chair of BHP in September 2025. He will then "
            "chair our member Health Innovation West Midlands."
        ),
        "body": (
            "<p>Jonathan Pearson, Chair of Birmingham Health Partners (BHP), will step down in "
            "September 2025 at the end of his two-year term.</p>"
            "<p>He has been appointed Chair of Health Innovation West Midlands (HIWM), one of "
            "our members. This means he will keep working closely with the partnership.</p>"
            "<h2>A time of change and growth</h2>"
            "<p>During Jonathan’s time as Chair, BHP published a new five-year strategy. "
            "Birmingham Community Healthcare NHS Foundation Trust also joined as our ninth "
            "member.</p>"
            "<p>Managing Director Professor Lorraine Harper and Executive Director Professor "
            "Neil Hanley thanked Jonathan for his leadership. Professor Sir Bruce Keogh will "
            "lead the search for the next Chair.</p>"
            "<h2>About HIWM</h2>"
            "<p>HIWM is one of 15 health innovation networks in England. It helps health and "
            "care services in the region adopt new ideas that save time, money and lives.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2025-04-08T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Leadership",
            "Membership",
        ],
        "organisations": [
            "health-innovation-west-midlands",
            "birmingham-community-healthcare",
        ],
        "themes": [],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘BHP Chair Jonathan Pearson to become Chair of Health "
            "Innovation West Midlands’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "jonathan-pearson-appointed-chair",
            "bhp-five-year-strategy",
        ],
    },
    {
        "slug": "orthopaedic-hospitals-form-strategic-alliance",
        "title": "Two specialist orthopaedic hospitals form a strategic alliance",
        "summary": (
            "The Royal Orthopaedic Hospital in Birmingham and the Robert Jones and Agnes Hunt "
            "Orthopaedic Hospital in Oswestry have agreed to work more closely."
        ),
        "body": (
            "<p>Our member the Royal Orthopaedic Hospital (ROH) has formed an alliance with the "
            "Robert Jones and Agnes Hunt Orthopaedic Hospital (RJAH) in Oswestry. The two trusts "
            "have signed a memorandum of understanding.</p>"
            "<p>Both hospitals are known across the country for planned orthopaedic surgery. "
            "They have worked together for some time.</p>"
            "<h2>What the alliance will do</h2>"
            "<ul>"
            "<li>Make specialist services stronger and more secure for the future.</li>"
            "<li>Share research, ideas and learning to help patients.</li>"
            "<li>Plan staff training and development together.</li>"
            "<li>Make the best use of beds, theatres and staff.</li>"
            "</ul>"
            "<p>Each trust will still run itself. Stacey Keegan, Chief Executive of RJAH, and "
            "Matthew Hartland, Chief Executive of ROH, both welcomed the agreement. They said it "
            "would help patients get high-quality care closer to home.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2025-05-13T10:00",
        "status": "published",
        "featured": False,
        "tags": [
            "Orthopaedics",
            "Partnerships",
        ],
        "organisations": [
            "royal-orthopaedic-hospital",
            "robert-jones-and-agnes-hunt",
        ],
        "themes": [],
        "priorities": [
            "inflammation-and-chronic-disease",
        ],
        "image_alt": (
            "Illustration with the words ‘Two specialist orthopaedic hospitals form a strategic "
            "alliance’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "royal-orthopaedic-hospital-becomes-fourth-nhs-member",
        ],
    },
    {
        "slug": "bhp-and-abhi-sign-healthtech-partnership",
        "title": "BHP and ABHI join forces to grow healthtech in Birmingham",
        "summary": (
            "A new agreement with the Association of British HealthTech Industries makes BHP a "
            "front door for health technology companies that want to work in the region."
        ),
        "body": (
            "<p>Birmingham Health Partners (BHP) has signed a memorandum of understanding (MoU) "
            "with the Association of British HealthTech Industries (ABHI).</p>"
            "<p>ABHI is the UK’s main industry body for health technology. Its members range "
            "from small firms to global companies. They make everything from syringes and "
            "dressings to surgical robots, tests and digital tools.</p>"
            "<h2>A single point of contact</h2>"
            "<p>Birmingham has a lot to offer healthtech companies, but it can be hard to know "
            "where to start. Under the MoU, BHP will act as a front door. Companies will have "
            "one place to go to reach researchers, clinicians and facilities across the city.</p>"
            "<p>Birmingham’s population is among the youngest and most ethnically mixed in "
            "Europe. Testing new technology here can show whether it works for everyone. Women’s "
            "health and mental health will be early areas of focus.</p>"
            "<h2>How we will judge success</h2>"
            "<ul>"
            "<li>Clear improvements in patients’ health.</li>"
            "<li>Technology that can grow to help whole populations.</li>"
            "<li>Fairer access to care and better experiences for everyone.</li>"
            "</ul>"
            "<p>Professor Neil Hanley, Executive Director of BHP, and Peter Ellingworth, Chief "
            "Executive of ABHI, signed the agreement in Birmingham. Read more on the <a "
            'href="https://www.abhi.org.uk/">Association of British HealthTech Industries '
            "website</a>.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2025-06-24T10:00",
        "status": "published",
        "featured": True,
        "tags": [
            "Industry",
            "Mental health",
            "Health inequalities",
        ],
        "organisations": [
            "abhi",
        ],
        "themes": [
            "health-inequalities",
        ],
        "priorities": [
            "mental-health",
            "maternal-health",
        ],
        "image_alt": (
            "Illustration with the words ‘BHP and ABHI join forces to grow healthtech in "
            "Birmingham’ on a coloured background"
        ),
        "image_caption": "BHP and ABHI signed the agreement in Birmingham in June 2025.",
        "related": [
            "bhp-signs-memorandum-of-understanding-with-abpi",
            "virtual-wards-evaluation-birmingham-and-solihull",
        ],
    },
    {
        "slug": "virtual-wards-evaluation-birmingham-and-solihull",
        "title": "What helps virtual wards work? New evaluation in Birmingham and Solihull",
        "summary": (
            "A study by the BHP Evaluation Service looked at how virtual wards were set up "
            "locally, and what would help them work better for patients and staff."
        ),
        "body": (
            "<p>A virtual ward lets patients get hospital-level care at home. Staff check on "
            "them using phone calls, apps and devices that take readings.</p>"
            "<p>The BHP Evaluation Service has looked at how virtual wards were set up in "
            "Birmingham and Solihull. The work was commissioned by University Hospitals "
            "Birmingham. It was led by researchers in the University of Birmingham’s Department "
            "of Applied Health Sciences.</p>"
            "<h2>What the team studied</h2>"
            "<p>The study covered virtual wards for frailty, breathing problems, recovery after "
            "surgery and musculoskeletal conditions. It took a closer look at a ward that helps "
            "people with COPD leave hospital sooner. The team spoke to staff, looked at patient "
            "outcomes and weighed up costs.</p>"
            "<h2>What they found</h2>"
            "<ul>"
            "<li>Clear and consistent ways of referring patients are vital.</li>"
            "<li>IT systems need to be able to share information.</li>"
            "<li>Digital tools must suit people with different skills and internet access.</li>"
            "<li>Staff need more training, and patients and carers need clearer information.</li>"
            "</ul>"
            "<p>The team could not yet say if the COPD ward saves money, because some key data "
            "was missing. Dr Ian Litchfield, Senior Research Fellow at the University of "
            "Birmingham, was part of the team. The findings will help shape future virtual "
            "wards, both locally and across the NHS.</p>"
            '<p>Read the full paper in the <a href="https://www.jmir.org/2025/1/e75406">Journal '
            'of Medical Internet Research</a>, or visit the <a href="https://'
            'www.birminghamhealthpartners.co.uk/for-researchers/evaluation-service/">BHP '
            "evaluation service page</a> to download the report.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2025-07-15T10:00",
        "status": "published",
        "featured": True,
        "tags": [
            "Evaluation",
            "Digital health",
        ],
        "organisations": [
            "university-hospitals-birmingham",
            "university-of-birmingham",
        ],
        "themes": [],
        "priorities": [
            "inflammation-and-chronic-disease",
        ],
        "image_alt": (
            "Illustration with the words ‘What helps virtual wards work? New evaluation in "
            "Birmingham and Solihull’ on a coloured background"
        ),
        "image_caption": "",
        "related": [
            "bhp-evaluation-service-launched",
            "bhp-and-abhi-sign-healthtech-partnership",
        ],
    },
    {
        "slug": "save-the-date-bhp-research-showcase",
        "title": "Save the date: BHP research showcase",
        "summary": (
            "We are planning a showcase of research from across our nine members. Details will "
            "follow soon."
        ),
        "body": (
            "<p>Birmingham Health Partners (BHP) is planning a research showcase for staff, "
            "patients and partners.</p>"
            "<p>The event will share work from across our four research themes. There will be "
            "short talks, posters and time to meet colleagues from other members.</p>"
            "<h2>Details to follow</h2>"
            "<p>We will confirm the date, venue and how to book here. Places will be free but "
            "limited.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": "2025-12-01T09:00",
        "status": "draft",
        "featured": False,
        "tags": [
            "Events",
            "Clinical trials",
        ],
        "organisations": [],
        "themes": [
            "clinical-trials",
            "early-detection-and-diagnosis",
            "experimental-medicine",
            "health-inequalities",
        ],
        "priorities": [],
        "image_alt": (
            "Illustration with the words ‘Save the date: BHP research showcase’ on a coloured "
            "background"
        ),
        "image_caption": "",
        "related": [
            "bhp-five-year-strategy",
        ],
    },
    {
        "slug": "bhp-starter-fellowships-2027",
        "title": "BHP Starter Fellowships 2027: applications open",
        "summary": (
            "Applications are open for the 2027 round of BHP Starter Fellowships, for staff who "
            "are new to research."
        ),
        "body": (
            "<p>The 2027 round of the BHP Starter Fellowship is now open.</p>"
            "<p>The scheme helps staff at our members take their first steps in research. "
            "Fellows get time and support to shape a research idea and plan their next funding "
            "bid.</p>"
            "<h2>Before you apply</h2>"
            "<p>Read the guidance carefully and talk to your line manager early. We especially "
            "welcome applications linked to our four health priorities.</p>"
        ),
        "author": "Louise Stanley",
        "publish_at": SCHEDULED,
        "status": "published",
        "featured": False,
        "tags": [
            "Funding",
            "Careers",
        ],
        "organisations": [],
        "themes": [],
        "priorities": [
            "cancer-outcomes",
            "inflammation-and-chronic-disease",
            "maternal-health",
            "mental-health",
        ],
        "image_alt": (
            "Illustration with the words ‘BHP Starter Fellowships 2027: applications open’ on a "
            "coloured background"
        ),
        "image_caption": "",
        "related": [
            "bhp-starter-fellowships-open",
        ],
    },
]

# Files offered for download with articles. The PDFs are generated when the demo loads.
DOCUMENTS = [
    {
        "title": "Report of activity, September 2020 to August 2022",
        "published_on": "2022-11-15",
        "description": (
            "Our first report of activity: how the partnership grew, the research careers "
            "and funding it supported, and its work on health data."
        ),
        "articles": ["report-of-activity-2020-to-2022"],
        "pages": [
            "Birmingham Health Partners: report of activity, September 2020 to August 2022",
            "Three new members joined: Sandwell and West Birmingham Hospitals, the Royal "
            "Orthopaedic Hospital and Aston University.",
            "This demonstration file stands in for the full report.",
        ],
    },
]
