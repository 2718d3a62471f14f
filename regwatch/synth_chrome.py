"""Site furniture for the synthetic archive's HTML pages: what the real sites put around the
content (head tags, inline scripts and styles, global navigation with mega menus, a mobile
menu that repeats it, related-news sidebars, share buttons, footer sitemaps), so that the
pages weigh what the real ones weigh and the spiders are tested on reading the content only.

`dress(site, page, day, key)` puts one site's furniture into a page written by
regwatch/synth_pages.py, synth_partners.py or data/demo/pack.py: head tags before `</head>`,
the header after `<body>`, the sidebar, footer and scripts before `</body>`. It never enters
the containers the spiders read. All markup and words here are the project's own.

Sizes aimed for, per page (the release text adds 1-4 kB), and why. They are estimates from
the structure of the real pages (how many menus and links they carry, how much script and
style is inline), not measurements: this project has no copy of the real pages' bytes.

| site | aimed for | why |
|---|---|---|
| METI (ja) | ~45 kB | a global menu of a dozen policy areas with ten or more links each, shown three times (desktop mega menu, mobile drawer, footer sitemap), accessibility tools, inline analytics |
| METI (en) | ~30 kB | the same design with a smaller English menu |
| MOFA (ja) | ~45 kB | a "countries and regions" mega menu that names most countries, repeated in the footer |
| MOFA (en) | ~35 kB | the same, in English, with fewer policy links |
| Council of the EU | ~80 kB | a large design-system page: 24 language links, policy and meeting menus, inline SVG icons, cookie banner, structured data |
| Commerce | ~60 kB | a Drupal page: bureau and topic menus, inline settings JSON, long footer |
| Kantei (en) | ~25 kB | a plainer page: a short menu and a footer |
| Cabinet Office | ~20 kB | a plain ministry page: bureau menu, footer links |

GOV.UK's content API items are JSON, not HTML: their weight (~20 kB, mostly the expanded
`links`: organisations, taxons with their parents, related items) is written by
synth_partners.gov_uk. The Federal Register answer carries only the fields the spider asks
for (`fields[]`), as the real API does, so it is left as it is.

Output is deterministic: everything that varies between pages (related news, the
last-updated line) is chosen from the page's date and a CRC of its key, never from the
archive's random stream, so a dressed archive tells the same story as an undressed one.
"""

from __future__ import annotations

import html
import json
import zlib
from datetime import date, timedelta
from functools import cache

from regwatch.synth_text import MONTHS, ja_western

# Which furniture each source's pages wear; None: not HTML (JSON or RSS), left alone.
SITE_OF = {
    "meti_news_ja": "meti_ja", "meti_russia": "meti_ja", "meti_news_en": "meti_en",
    "mofa_press_ja": "mofa_ja", "mofa_press_en": "mofa_en", "mofa_g7": "mofa_en",
    "eu_council": "eu", "commerce_press": "commerce", "kantei_en": "kantei",
    "cao_economic_security": "cao", "gov_uk": None, "federal_register": None,
}  # fmt: skip
TARGET_KB = {"meti_ja": 45, "meti_en": 30, "mofa_ja": 45, "mofa_en": 35, "eu": 80,
             "commerce": 60, "kantei": 25, "cao": 20}  # fmt: skip

# ------------------------------------------------------------------ vocabulary

_METI_JA_AREAS = [
    ("経済産業政策", "economy", ["産業構造ビジョン", "成長戦略", "GX実現に向けた投資", "スタートアップ支援",
     "人への投資", "産業立地", "地域経済産業", "統計・調査", "経済産業研究所", "骨太の方針への対応", "政策評価"]),
    ("対外経済政策", "external_economy", ["通商政策", "経済連携協定（EPA/FTA）", "WTO", "インド太平洋経済枠組み（IPEF）",
     "G7・G20", "貿易保険", "対内直接投資", "ロシア・ベラルーシ等への対応", "対外経済協力", "通商白書"]),
    ("安全保障貿易管理", "anpo", ["制度の概要", "外為法と関係法令", "リスト規制", "キャッチオール規制",
     "外国ユーザーリスト", "該非判定", "申請手続", "説明会・研修", "輸出管理内部規程", "経済安全保障への取組",
     "ロシア向け輸出禁止措置", "違反事例"]),
    ("産業技術・環境", "sangi", ["研究開発", "知的財産", "標準化・認証", "産学官連携", "カーボンニュートラル",
     "資源循環", "環境アセスメント", "化学物質管理", "工業標準調査会"]),
    ("製造産業", "mono", ["自動車", "航空機・宇宙", "ロボット", "素材（鉄鋼・化学）", "繊維", "医療機器",
     "ものづくり白書", "防衛産業", "蓄電池", "次世代モビリティ"]),
    ("商務・サービス", "shoumu", ["消費者保護", "キャッシュレス", "コンテンツ", "ヘルスケア", "流通・物流",
     "クールジャパン", "博覧会", "スポーツ産業", "デザイン政策"]),
    ("情報政策", "mono_info", ["デジタルトランスフォーメーション", "半導体・デジタル産業戦略", "サイバーセキュリティ",
     "データ流通", "AIガバナンス", "情報処理技術者試験", "電子政府", "IT人材"]),
    ("エネルギー・資源", "energy", ["エネルギー基本計画", "再生可能エネルギー", "原子力", "電力・ガス市場",
     "石油・天然ガス", "鉱物資源", "省エネルギー", "水素・アンモニア", "エネルギー白書", "電気料金"]),
    ("中小企業", "chusho", ["資金繰り支援", "事業承継", "補助金・助成金", "下請取引の適正化", "よろず支援拠点",
     "中小企業白書", "小規模事業者", "価格転嫁対策"]),
    ("経済安全保障", "economic_security", ["経済安全保障推進法", "重要物資の安定供給", "基幹インフラ",
     "重要技術の育成", "技術流出対策", "サプライチェーン強靱化", "関連予算"]),
]  # fmt: skip
_METI_EN_AREAS = [
    ("About METI", "about", ["Minister", "Organization", "Access", "Budget", "White Papers",
     "Councils", "Laws and Regulations", "Statistics"]),
    ("Policies", "policy", ["Economic and Industrial Policy", "External Economy", "Security Export Control",
     "Economic Security", "Energy", "Industrial Technology", "Manufacturing Industries", "Commerce",
     "Information Policy", "SMEs", "Intellectual Property", "Standards"]),
    ("Trade and Investment", "trade", ["Trade Policy", "EPA/FTA", "WTO", "IPEF", "G7 and G20",
     "Investment in Japan", "Trade Insurance", "Measures on Russia and Belarus", "Export Control Lists"]),
    ("Energy and Environment", "energy", ["Strategic Energy Plan", "Renewable Energy", "Nuclear Power",
     "Hydrogen", "GX", "Carbon Neutrality", "Electricity Market"]),
    ("News and Events", "press", ["News Releases", "Minister's Press Conferences", "Speeches",
     "Events", "Photo Gallery", "Back Issues"]),
]  # fmt: skip
_REGIONS = [
    ("アジア", "Asia", "asia", ["中国", "韓国", "台湾", "モンゴル", "インド", "インドネシア", "シンガポール", "タイ",
     "フィリピン", "ベトナム", "マレーシア", "カンボジア", "ラオス", "ミャンマー", "バングラデシュ", "パキスタン"],
     ["China", "Republic of Korea", "Taiwan", "Mongolia", "India", "Indonesia", "Singapore", "Thailand",
      "Philippines", "Viet Nam", "Malaysia", "Cambodia", "Laos", "Myanmar", "Bangladesh", "Pakistan"]),
    ("大洋州", "Oceania", "oceania", ["オーストラリア", "ニュージーランド", "フィジー", "パプアニューギニア",
     "パラオ", "サモア", "トンガ"],
     ["Australia", "New Zealand", "Fiji", "Papua New Guinea", "Palau", "Samoa", "Tonga"]),
    ("北米", "North America", "n_america", ["米国", "カナダ"], ["United States", "Canada"]),
    ("中南米", "Latin America", "latinamerica", ["メキシコ", "ブラジル", "アルゼンチン", "チリ", "ペルー",
     "コロンビア"], ["Mexico", "Brazil", "Argentina", "Chile", "Peru", "Colombia"]),
    ("欧州", "Europe", "europe", ["英国", "フランス", "ドイツ", "イタリア", "スペイン", "ポーランド",
     "ウクライナ", "ロシア", "ベラルーシ", "モルドバ", "ジョージア", "バルト三国", "北欧諸国", "EU"],
     ["United Kingdom", "France", "Germany", "Italy", "Spain", "Poland", "Ukraine", "Russia",
      "Belarus", "Moldova", "Georgia", "Baltic States", "Nordic Countries", "EU"]),
    ("中東", "Middle East", "middleeast", ["トルコ", "イラン", "イスラエル", "サウジアラビア", "アラブ首長国連邦",
     "カタール", "エジプト"], ["Turkiye", "Iran", "Israel", "Saudi Arabia", "United Arab Emirates",
                                "Qatar", "Egypt"]),
    ("アフリカ", "Africa", "africa", ["南アフリカ", "ケニア", "ナイジェリア", "エチオピア", "ガーナ", "セネガル"],
     ["South Africa", "Kenya", "Nigeria", "Ethiopia", "Ghana", "Senegal"]),
]  # fmt: skip
_MOFA_POLICY_JA = ["日本の安全保障", "軍縮・不拡散", "国連外交", "経済外交", "対ロシア制裁措置", "国際協力・ODA",
                   "領土保全", "人権・人道", "気候変動", "海外安全情報", "領事・旅券", "ビザ",
                   "G7", "G20", "APEC", "IPEF", "経済安全保障", "広報・文化外交"]  # fmt: skip
_MOFA_POLICY_EN = ["Japan's Security Policy", "Disarmament and Non-Proliferation", "United Nations",
                   "Economic Diplomacy", "Sanctions against Russia", "Official Development Assistance",
                   "Territorial Issues", "Human Rights", "Climate Change", "G7", "G20", "APEC",
                   "Economic Security", "Visa"]  # fmt: skip
_EU_LANGUAGES = [("bg", "български"), ("es", "español"), ("cs", "čeština"), ("da", "dansk"),
                 ("de", "Deutsch"), ("et", "eesti keel"), ("el", "ελληνικά"), ("en", "English"),
                 ("fr", "français"), ("ga", "Gaeilge"), ("hr", "hrvatski"), ("it", "italiano"),
                 ("lv", "latviešu valoda"), ("lt", "lietuvių kalba"), ("hu", "magyar"), ("mt", "Malti"),
                 ("nl", "Nederlands"), ("pl", "polski"), ("pt", "português"), ("ro", "română"),
                 ("sk", "slovenčina"), ("sl", "slovenščina"), ("fi", "suomi"), ("sv", "svenska")]  # fmt: skip
_EU_MENUS = [
    ("Meetings", ["Meeting calendar", "European Council meetings", "Foreign Affairs Council",
                  "General Affairs Council", "Economic and Financial Affairs Council", "Euro summits",
                  "International summits", "Videos and photos", "Public sessions"]),
    ("Policies", ["EU sanctions", "EU restrictive measures against Russia over Ukraine",
                  "EU response to Russia's invasion of Ukraine", "Sanctions against Belarus",
                  "Common security and defence policy", "Economic security", "Energy prices and security",
                  "Trade policy", "Migration policy", "Climate change", "Digital policy",
                  "Enlargement", "Economic governance", "Health", "Food security"]),
    ("Documents", ["Public register", "Official Journal", "Council conclusions", "Legislative acts",
                   "Voting results", "Annual reports", "Publications", "Open data"]),
    ("Press", ["Press releases", "Statements and remarks", "Background briefs", "Press contacts",
               "Accreditation", "Audiovisual services", "Newsletters", "Infographics"]),
    ("About", ["European Council", "Council of the EU", "Presidency", "President", "Secretariat",
               "Jobs and traineeships", "Visits", "Library", "Contact"]),
    ("EU institutions", ["European Parliament", "European Commission", "Court of Justice of the EU",
                         "European Central Bank", "European Court of Auditors",
                         "European External Action Service", "European Economic and Social Committee",
                         "European Committee of the Regions", "European Investment Bank",
                         "European Ombudsman", "European Data Protection Supervisor",
                         "Interinstitutional bodies", "Agencies"]),
]  # fmt: skip
_COMMERCE_MENUS = [
    ("Bureaus and Offices", ["Bureau of Economic Analysis", "Bureau of Industry and Security",
                             "Census Bureau", "Economic Development Administration",
                             "International Trade Administration", "Minority Business Development Agency",
                             "National Institute of Standards and Technology",
                             "National Oceanic and Atmospheric Administration",
                             "National Telecommunications and Information Administration",
                             "Patent and Trademark Office", "Office of the Secretary",
                             "Office of Inspector General", "CHIPS for America"]),
    ("Issues", ["Export Controls", "Entity List", "Russia Sanctions", "Supply Chains", "Indo-Pacific Economic Framework",
                "Semiconductors", "Trade Enforcement", "Broadband", "Climate", "Data", "Manufacturing",
                "Economic Security", "Small Business"]),
    ("News", ["Press Releases", "Blog", "Speeches", "Photo Galleries", "Media Contacts", "Fact Sheets",
              "Testimony", "Social Media"]),
    ("About", ["Secretary", "Deputy Secretary", "Leadership", "Budget and Performance", "Careers",
               "Contracts", "FOIA", "Open Government", "Accessibility", "Privacy Policy"]),
]  # fmt: skip
_KANTEI_MENUS = [("The Prime Minister", ["Profile", "Speeches and Statements", "Press Conferences",
                                         "Diplomatic Activities", "Policy Speeches"]),
                 ("The Cabinet", ["Cabinet Members", "Cabinet Decisions", "Headquarters",
                                  "Past Cabinets"]),
                 ("Topics", ["Economic Security", "G7 Presidency", "Ukraine", "Indo-Pacific",
                             "Disaster Management"])]  # fmt: skip
_CAO_MENUS = [("内閣府について", ["大臣・副大臣・大臣政務官", "組織・所掌", "所在地", "採用情報", "予算・決算",
                            "情報公開", "調達情報"]),
              ("政策", ["経済財政", "経済安全保障", "科学技術・イノベーション", "防災", "男女共同参画",
                      "地方創生", "子ども・子育て", "規制改革", "宇宙政策", "原子力防災"]),
              ("広報・報道", ["記者会見", "報道発表", "広報誌", "世論調査", "白書"])]  # fmt: skip

# Related news that sidebars name: other measures and other news, with their own dates.
_RELATED_JA = [
    "ロシア連邦向けの輸出禁止措置の対象品目を追加します", "ベラルーシ向け輸出の許可制について",
    "外国ユーザーリストを改正しました", "経済安全保障推進法に基づく特定重要物資を指定しました",
    "対ロシア資産凍結等の措置について", "半導体製造装置の輸出管理の見直しについて",
    "G7首脳声明を踏まえた対応について", "いわゆる「ドネツク人民共和国」等との輸出入の禁止について",
    "輸出管理説明会の開催について", "鉱工業指数（速報）を公表します", "中小企業の価格転嫁の状況について",
]  # fmt: skip
_RELATED_EN = [
    "Additions to the Export Ban on Russia", "Sanctions against Belarus Extended",
    "Revision of the End User List", "Designation of Critical Products under the Economic Security Promotion Act",
    "Asset Freeze Measures Regarding Russia", "Review of Export Controls on Semiconductor Equipment",
    "Statement by the G7 Leaders on Ukraine", "Ban on Imports from Crimea",
    "Seminar on Security Export Control", "Indices of Industrial Production (Preliminary Report)",
    "Japan-U.S. Economic Policy Consultative Committee",
]  # fmt: skip


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _slug(text: str) -> str:
    return "-".join(
        "".join(c if c.isalnum() and c.isascii() else " " for c in text.lower()).split()
    )


def _key(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


# ------------------------------------------------------------------ building blocks


def _menu(sections: list[tuple[str, str, list[tuple[str, str]]]], cls: str, icon: str = "") -> str:
    """A two-level menu: each section's heading and its links (each with an inline icon, as
    design-system pages draw them)."""
    out = [f'<ul class="{cls}">']
    for n, (label, href, links) in enumerate(sections, 1):
        items = "\n".join(
            f'<li class="{cls}__item"><a class="{cls}__link" href="{h}">{_esc(t)}{icon}</a></li>'
            for t, h in links
        )
        out.append(
            f'<li class="{cls}__section" id="{cls}-{n}">\n<button type="button" class="{cls}__toggle" '
            f'aria-expanded="false" aria-controls="{cls}-panel-{n}">{_esc(label)}</button>\n'
            f'<div class="{cls}__panel" id="{cls}-panel-{n}" hidden>\n<p class="{cls}__top">'
            f'<a href="{href}">{_esc(label)}</a></p>\n<ul class="{cls}__list">\n{items}\n</ul>\n</div>\n</li>'
        )
    out.append("</ul>")
    return "\n".join(out)


def _style(prefix: str, components: list[str]) -> str:
    """Inline critical CSS, as the real pages inline theirs: a few rules per component."""
    rules = []
    for n, c in enumerate(components):
        rules.append(
            f".{prefix}-{c}{{display:block;margin:0 0 {n % 4 + 1}rem;padding:.{n % 9 + 1}rem 1rem;"
            f"font-size:{0.8 + (n % 5) / 10:.1f}rem;line-height:1.{n % 7 + 3}}}\n"
            f".{prefix}-{c}__link{{color:#1a4d8f;text-decoration:underline;text-underline-offset:.15em}}\n"
            f".{prefix}-{c}__link:hover,.{prefix}-{c}__link:focus{{color:#0b2f5c;outline:2px solid #f5a623}}\n"
            f"@media (max-width:{600 + n * 40}px){{.{prefix}-{c}{{padding:.5rem;font-size:.9rem}}}}"
        )
    return "<style>\n" + "\n".join(rules) + "\n</style>"


_SCRIPTS = (
    "<script>\n(function(w,d){var q=w.siteMetrics=w.siteMetrics||[];q.push(['start',Date.now()]);"
    "var s=d.createElement('script');s.async=true;s.src='/common/js/metrics.min.js?v=3';"
    "d.head.appendChild(s);})(window,document);\n</script>\n"
    "<script>\ndocument.addEventListener('DOMContentLoaded',function(){\n"
    "  document.querySelectorAll('[aria-controls]').forEach(function(button){\n"
    "    var panel=document.getElementById(button.getAttribute('aria-controls'));\n"
    "    if(!panel){return;}\n"
    "    button.addEventListener('click',function(){\n"
    "      var open=button.getAttribute('aria-expanded')==='true';\n"
    "      button.setAttribute('aria-expanded',String(!open));\n"
    "      panel.hidden=open;\n"
    "    });\n"
    "  });\n"
    "  var size=window.localStorage&&localStorage.getItem('fontSize');\n"
    "  if(size){document.documentElement.style.fontSize=size;}\n"
    "  document.querySelectorAll('.font-size button').forEach(function(b){\n"
    "    b.addEventListener('click',function(){\n"
    "      document.documentElement.style.fontSize=b.dataset.size;\n"
    "      try{localStorage.setItem('fontSize',b.dataset.size);}catch(e){}\n"
    "    });\n"
    "  });\n"
    "  var top=document.querySelector('.page-top');\n"
    "  if(top){window.addEventListener('scroll',function(){top.classList.toggle('is-shown',"
    "window.scrollY>400);},{passive:true});}\n"
    "});\n</script>\n"
)
_ICONS = {
    "share-x": "M4 4h3.2l4.1 5.6L16 4h2.6l-5.9 7 6.5 9h-3.2l-4.5-6.1L6.2 20H3.6l6.3-7.4z",
    "share-fb": "M13.5 21v-7.5h2.6l.4-3h-3V8.6c0-.9.3-1.5 1.5-1.5h1.6V4.4c-.3 0-1.2-.1-2.3-.1"
    "-2.3 0-3.8 1.4-3.8 3.9v2.3H8v3h2.5V21z",
    "share-line": "M12 3C6.5 3 2 6.6 2 11c0 3.9 3.5 7.2 8.3 7.9.3.1.8.2.9.5.1.3.1.7 0 1l-.1.9c0 "
    ".3-.2 1 .9.5s5.8-3.4 7.9-5.9C21.4 14.3 22 12.7 22 11c0-4.4-4.5-8-10-8z",
    "print": "M6 9V3h12v6h2a2 2 0 0 1 2 2v6h-4v4H6v-4H2v-6a2 2 0 0 1 2-2zm2-4v4h8V5zm0 10v4h8v-4z",
    "chevron": "M8.6 5.4 10 4l8 8-8 8-1.4-1.4 6.6-6.6z",
    "external": "M14 3h7v7h-2V6.4l-9.3 9.3-1.4-1.4L17.6 5H14zM5 5h6v2H5v12h12v-6h2v6a2 2 0 0 1-2 2H5a2 "
    "2 0 0 1-2-2V7a2 2 0 0 1 2-2z",
}


def _svg(name: str) -> str:
    return (
        f'<svg class="icon icon-{name}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" '
        f'focusable="false"><path d="{_ICONS[name]}"/></svg>'
    )


def _share(label: str) -> str:
    buttons = "\n".join(
        f'<li><a class="share__link share__link--{n}" href="#" rel="noopener">{_svg(n)}'
        f'<span class="visually-hidden">{_esc(label)} {n.split("-")[-1]}</span></a></li>'
        for n in _ICONS
    )
    return f'<ul class="share">\n{buttons}\n</ul>'


def _head_tags(site_name: str, lang: str, css: list[str], components: list[str]) -> str:
    links = "\n".join(f'<link rel="stylesheet" href="{h}">' for h in css)
    return (
        f'<meta name="format-detection" content="telephone=no">\n<meta name="robots" content="index,follow">\n'
        f'<meta property="og:site_name" content="{_esc(site_name)}">\n<meta property="og:type" content="article">\n'
        f'<meta property="og:locale" content="{"ja_JP" if lang == "ja" else "en_GB"}">\n'
        '<meta name="twitter:card" content="summary_large_image">\n<meta name="theme-color" content="#1a4d8f">\n'
        '<link rel="icon" href="/favicon.ico" sizes="any">\n<link rel="apple-touch-icon" href="/apple-touch-icon.png">\n'
        '<link rel="preload" href="/common/fonts/sans-regular.woff2" as="font" type="font/woff2" crossorigin>\n'
        f"{links}\n{_style('c', components)}\n"
    )


# ------------------------------------------------------------------ sites


def _meti_ja_sections():
    return [
        (area, f"/policy/{slug}/index.html",
         [(t, f"/policy/{slug}/{slug}_{n:02d}.html") for n, t in enumerate(topics, 1)])
        for area, slug, topics in _METI_JA_AREAS
    ]  # fmt: skip


def _meti_en_sections():
    return [
        (area, f"/english/{slug}/index.html",
         [(t, f"/english/{slug}/{_slug(t)}.html") for t in topics])
        for area, slug, topics in _METI_EN_AREAS
    ]  # fmt: skip


def _mofa_sections(lang: str):
    root = "/mofaj" if lang == "ja" else ""
    regions = [
        (ja if lang == "ja" else en, f"{root}/area/{slug}.html",
         [(c, f"{root}/area/{slug}/{slug}_{n:02d}.html")
          for n, c in enumerate(cs_ja if lang == "ja" else cs_en, 1)])
        for ja, en, slug, cs_ja, cs_en in _REGIONS
    ]  # fmt: skip
    policy = _MOFA_POLICY_JA if lang == "ja" else _MOFA_POLICY_EN
    label = "外交政策" if lang == "ja" else "Foreign Policy"
    return [*regions, (label, f"{root}/policy/index.html",
                       [(t, f"{root}/policy/p{n:02d}/index.html") for n, t in enumerate(policy, 1)])]  # fmt: skip


def _flat_sections(menus, root: str):
    return [(label, f"{root}/{_slug(label)}", [(t, f"{root}/{_slug(label)}/{_slug(t)}") for t in links])
            for label, links in menus]  # fmt: skip


def _cao_sections():
    return [(label, f"/{n}/index.html", [(t, f"/{n}/{n}_{m:02d}.html") for m, t in enumerate(links, 1)])
            for n, (label, links) in enumerate(_CAO_MENUS, 1)]  # fmt: skip


# name, language, menu, copies of the menu (desktop, mobile drawer, footer sitemap), and
# whether each menu link draws an inline icon
_SITES = {
    "meti_ja": ("経済産業省", "ja", _meti_ja_sections, 2, False),
    "meti_en": ("Ministry of Economy, Trade and Industry", "en", _meti_en_sections, 3, False),
    "mofa_ja": ("外務省", "ja", lambda: _mofa_sections("ja"), 3, False),
    "mofa_en": ("Ministry of Foreign Affairs of Japan", "en", lambda: _mofa_sections("en"), 2, False),
    "eu": ("Consilium", "en", lambda: _flat_sections(_EU_MENUS, "/en"), 3, True),
    "commerce": ("U.S. Department of Commerce", "en",
                 lambda: _flat_sections(_COMMERCE_MENUS, ""), 3, True),
    "kantei": ("Prime Minister's Office of Japan", "en",
               lambda: _flat_sections(_KANTEI_MENUS, ""), 3, False),
    "cao": ("内閣府", "ja", _cao_sections, 2, False),
}  # fmt: skip
_COMPONENTS = ["header", "utility", "search", "gnav", "drawer", "breadcrumb", "main", "sidebar",
               "related", "share", "footer", "sitemap", "pagetop", "notice", "banner", "card",
               "button", "table", "list", "figure", "pager", "tabs", "accordion", "alert"]  # fmt: skip


@cache
def _static(site: str) -> tuple[str, str, str]:
    """The parts every page of a site shares: head tags, header, footer."""
    name, lang, sections, copies, icons = _SITES[site]
    menu = sections()
    icon = _svg("chevron") if icons else ""
    css = [f"/common/css/{n}.css?v=2024{n[:2]}" for n in ("base", "layout", "module", "print")]
    head = _head_tags(name, lang, css, _COMPONENTS)
    if site == "eu":
        head += _eu_structured_data()
    if site == "commerce":
        head += _drupal_settings(menu)
    ja = lang == "ja"
    utility = (
        '<div class="c-utility">\n<ul class="font-size"><li>'
        + ("文字サイズ" if ja else "Text size")
        + '</li><li><button type="button" data-size="87.5%">'
        + ("小" if ja else "S")
        + '</button></li><li><button type="button" data-size="100%">'
        + ("中" if ja else "M")
        + '</button></li><li><button type="button" data-size="125%">'
        + ("大" if ja else "L")
        + "</button></li></ul>\n"
        + '<form class="c-search" action="/search/" role="search"><label class="visually-hidden" for="q">'
        + ("サイト内検索" if ja else "Search this site")
        + '</label><input id="q" name="q" type="search"><button type="submit">'
        + ("検索" if ja else "Search")
        + "</button></form>\n</div>"
    )
    if site == "eu":
        utility += "\n" + _eu_languages()
    header = (
        '<a class="skip-link" href="#content-start">'
        + ("本文へ移動" if ja else "Skip to main content")
        + "</a>\n"
        + (_eu_cookie_banner() if site == "eu" else "")
        + '<header class="c-header" role="banner">\n'
        + utility
        + '\n<nav class="c-gnav" aria-label="'
        + ("グローバルナビゲーション" if ja else "Main navigation")
        + '">\n'
        + _menu(menu, "gnav", icon)
        + "\n</nav>\n"
        + ('<nav class="c-drawer" aria-label="menu" hidden>\n' + _menu(menu, "drawer", icon) + "\n</nav>\n"
           if copies >= 2 else "")
        + '</header>\n<span id="content-start"></span>\n'
    )  # fmt: skip
    footer = (
        '<footer class="c-footer" role="contentinfo">\n<nav class="c-sitemap" aria-label="'
        + ("サイトマップ" if ja else "Site map")
        + '">\n'
        + (_menu(menu, "sitemap", icon) if copies >= 3 else "")
        + '\n</nav>\n<ul class="c-footer__links">'
        + "".join(
            f'<li><a href="/{h}.html">{_esc(t)}</a></li>'
            for t, h in (
                [("このサイトについて", "about"), ("利用規約", "terms"), ("プライバシーポリシー", "privacy"),
                 ("アクセシビリティ", "accessibility"), ("お問合せ", "contact"), ("リンク集", "links")]
                if ja else
                [("About this site", "about"), ("Terms of use", "terms"), ("Privacy", "privacy"),
                 ("Accessibility", "accessibility"), ("Contact", "contact"), ("Links", "links")]
            )
        )
        + f'</ul>\n<p class="c-footer__copy">&copy; {_esc(name)}</p>\n'
        + '<p class="page-top"><a href="#">'
        + ("ページの先頭へ" if ja else "Back to top")
        + "</a></p>\n</footer>\n"
        + _SCRIPTS
    )  # fmt: skip
    return head, header, footer


def _drupal_settings(menu) -> str:
    """The settings object a Drupal page inlines for its scripts."""
    libraries = [f"{m}/{part}" for m in ("core", "system", "commerce_theme", "uswds", "views",
                                          "paragraphs", "media", "extlink", "google_analytics")
                 for part in ("base", "drupal", "once", "ajax", "dialog", "tabbable", "menu",
                              "accordion", "banner", "navigation", "footer", "search")]  # fmt: skip
    data = {
        "path": {"baseUrl": "/", "pathPrefix": "", "currentLanguage": "en", "isFront": False},
        "pluralDelimiter": "\u0003", "suppressDeprecationErrors": True,
        "ajaxPageState": {"libraries": ",".join(libraries), "theme": "commerce_theme",
                          "theme_token": None},
        "extlink": {"extTarget": True, "extClass": "ext", "extLabel": "(link is external)",
                    "extExclude": r"(\.gov)|(\.mil)", "whitelistedDomains": ["commerce.gov"]},
        "menu": [[label, href, [h for _, h in links]] for label, href, links in menu],
        "user": {"uid": 0, "permissionsHash": "0" * 64},
    }  # fmt: skip
    return (
        '<script type="application/json" data-drupal-selector="drupal-settings-json">'
        f"{json.dumps(data)}</script>\n"
    )


def _eu_languages() -> str:
    items = "\n".join(
        f'<li><a lang="{c}" hreflang="{c}" href="/{c}/press/press-releases/" '
        f'class="gsc-language-list__link">{_esc(n)} ({c})</a></li>'
        for c, n in _EU_LANGUAGES
    )
    return f'<nav class="gsc-language-list" aria-label="Languages">\n<ul>\n{items}\n</ul>\n</nav>'


def _eu_cookie_banner() -> str:
    return (
        '<div class="gsc-cookie-consent" role="dialog" aria-label="Cookies" hidden>\n'
        "<p>This site uses cookies to offer you a better browsing experience. Some are needed for "
        "the site to work; others help us see how it is used, so that we can improve it. You can "
        "accept or refuse the optional cookies; your choice is kept for six months.</p>\n"
        '<p><button type="button" data-consent="all">Accept all cookies</button> '
        '<button type="button" data-consent="needed">Accept only essential cookies</button> '
        '<a href="/en/about-site/cookies/">How we use cookies</a></p>\n</div>\n'
    )


def _eu_structured_data() -> str:
    data = {
        "@context": "https://schema.org", "@type": "GovernmentOrganization",
        "name": "Council of the European Union", "url": "https://www.consilium.europa.eu/",
        "sameAs": [f"https://www.consilium.europa.eu/{c}/" for c, _ in _EU_LANGUAGES],
        "address": {"@type": "PostalAddress", "streetAddress": "Rue de la Loi 175",
                    "postalCode": "1048", "addressLocality": "Brussels", "addressCountry": "BE"},
    }  # fmt: skip
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'


def _related(site: str, day: date, key: str) -> str:
    """A sidebar of related news: other measures, each with its own date before `day`."""
    ja = _SITES[site][1] == "ja"
    titles = _RELATED_JA if ja else _RELATED_EN
    seed = _key(key)
    rows = []
    for n in range(6):
        title = titles[(seed + 7 * n) % len(titles)]
        when = day - timedelta(days=9 + 23 * n + (seed >> (n + 3)) % 11)
        shown = ja_western(when) if ja else f"{when.day} {MONTHS[when.month - 1]} {when.year}"
        rows.append(
            f'<li class="c-related__item"><span class="c-related__date">{shown}</span> '
            f'<a class="c-related__link" href="/news/{when:%Y%m%d}_{(seed + n) % 1000:03d}.html">'
            f"{_esc(title)}</a></li>"
        )
    heading = "関連ニュース" if ja else "Related news"
    updated = f"最終更新日：{ja_western(day)}" if ja else f"Last updated: {MONTHS[day.month - 1]} {day.day}, {day.year}"  # fmt: skip
    return (
        f'<aside class="c-sidebar" aria-label="{heading}">\n<h2 class="c-sidebar__title">{heading}</h2>\n'
        f'<ul class="c-related">\n' + "\n".join(rows) + "\n</ul>\n"
        f'{_share(heading)}\n<p class="c-sidebar__updated">{updated}</p>\n</aside>\n'
    )


def dress(site: str | None, page: str, day: date, key: str) -> str:
    """`page` with `site`'s furniture around its content; `key` (the URL) picks its related
    news. A site of None (JSON, RSS) leaves the page as it is."""
    if site is None:
        return page
    head, header, footer = _static(site)
    head_at, body_at, end_at = page.find("</head>"), page.find("<body>"), page.rfind("</body>")
    if min(head_at, body_at, end_at) < 0:
        raise ValueError(f"not a full HTML page: {key}")
    body_at += len("<body>\n")
    return (
        page[:head_at] + head + page[head_at:body_at] + header + page[body_at:end_at]
        + _related(site, day, key) + footer + page[end_at:]
    )  # fmt: skip
