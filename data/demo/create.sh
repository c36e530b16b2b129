#!/usr/bin/env bash
# Creates the demo database of toets: seven fictitious applicants, spread
# over the workflow from first contact to designation, with contacts,
# documents, notes and OKTT assessments. Everything goes through the toets
# command line, so the demo is also a test that the command line can build
# a living workstation.
#
# Usage: create.sh DB
#   DB must not exist. toets is $TOETS when set, else `toets` on PATH.
#   The documents come from docs/ beside this script: templates whose
#   {{FIELDS}} are filled in per applicant. Every organisation, person,
#   number and address here is fictitious.
#
# Received dates are relative to today, so that the legal clock shows
# different states: 3, 12, 40, 50, 70 and 150 days ago. Needs bash 4 and
# GNU date.
set -Eeuo pipefail

prog=${0##*/}
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 1; }

if [ $# -ne 1 ] || [ -z "$1" ]; then
	# shellcheck disable=SC2016 # $TOETS is meant literally
	printf 'usage: %s DB   (toets: $TOETS, else toets on PATH)\n' "$prog" >&2
	exit 2
fi
db=$1
toets=${TOETS:-toets}
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
docs=$here/docs

command -v -- "$toets" > /dev/null || die "cannot find toets ('$toets'): set TOETS or put toets on PATH"
[ -d "$docs" ] || die "no document templates in $docs"
if [ -e "$db" ] || [ -L "$db" ]; then
	die "$db exists; the demo is only ever written to a new file"
fi
date -d '1 day ago' +%F > /dev/null 2>&1 || die "needs GNU date (date -d)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/toets-demo.XXXXXX")
created=0
trap 'rm -rf -- "$tmp"' EXIT
# Any failure: name it (once: a failure inside $(...) fails its caller
# too), and remove the unfinished database (it did not exist before), so
# that the next run starts again instead of opening half a demo.
on_error() {
	if [ ! -e "$tmp/reported" ]; then
		printf '%s: line %s: failed: %s\n' "$prog" "$1" "$2" >&2
		: > "$tmp/reported"
	fi
	if [ "$created" = 1 ] && [ ! -e "$tmp/removed" ]; then
		rm -f -- "$db" "$db-wal" "$db-shm" "$db-journal"
		printf '%s: removed the unfinished %s\n' "$prog" "$db" >&2
		: > "$tmp/removed"
	fi
	exit 1
}
trap 'on_error "$LINENO" "$BASH_COMMAND"' ERR

# toets on the demo database; a failure names the whole command and the
# line that asked for it (past the helpers t, q, a, note, status, doc).
t() {
	local rc=0 i=0
	"$toets" --db "$db" "$@" || rc=$?
	if [ "$rc" -ne 0 ]; then
		while case ${FUNCNAME[i + 1]} in t | q | a | note | status | doc) true ;; *) false ;; esac; do
			i=$((i + 1))
		done
		printf '%s: line %s: toets exited %s:' "$prog" "${BASH_LINENO[i]}" "$rc" >&2
		printf ' %q' "$toets" --db "$db" "$@" >&2
		printf '\n' >&2
		: > "$tmp/reported"
		return "$rc"
	fi
}
q() { t "$@" > /dev/null; }
# answer a question of the current dossier ($ref)
a() { q answer set "$ref" "$@"; }
note() { q dossier note "$ref" "$1"; }
status() { local s; for s in "$@"; do q dossier status "$ref" "$s"; done; }

ago() { date -d "$1 days ago" +%F; }
ahead() { date -d "$1 days" +%F; }
# 2026-03-05 -> 5 maart 2026
long_date() {
	local y m d
	local months=(januari februari maart april mei juni juli augustus september oktober november december)
	IFS=- read -r y m d <<< "$1"
	printf '%d %s %s' "$((10#$d))" "${months[10#$m - 1]}" "$y"
}

# The fields of the document templates, set per applicant.
declare -A F
# wrap LINE: the line, broken at spaces into lines of at most 76 characters;
# continuation lines hang under the text after an indent, a list marker
# ("1. ", "a. ", "- ") or a table label ("Doel:   ").
wrap() {
	local line=$1 hang pad cur w words empty=1
	if [ "${#line}" -le 76 ]; then printf '%s\n' "$line"; return; fi
	[[ $line =~ ^\ *([0-9]+\.\ |[a-z]\.\ |-\ |[^:]{1,30}:\ \ +)? ]]
	hang=${#BASH_REMATCH[0]}
	printf -v pad '%*s' "$hang" ''
	cur=${line:0:hang}
	read -r -a words <<< "${line:hang}"
	for w in "${words[@]}"; do
		if [ "$empty" = 1 ]; then
			cur+=$w empty=0
		elif [ $(( ${#cur} + 1 + ${#w} )) -gt 76 ]; then
			printf '%s\n' "$cur"
			cur=$pad$w
		else
			cur+=" $w"
		fi
	done
	printf '%s\n' "$cur"
}
# fill TEMPLATE: writes $tmp/$slug/TEMPLATE with the fields filled in
fill() {
	local text key line
	text=$(< "$docs/$1")
	for key in "${!F[@]}"; do
		text=${text//"{{$key}}"/"${F[$key]}"}
	done
	case $text in *'{{'*) die "docs/$1: a field is not filled in for $slug" ;; esac
	mkdir -p -- "$tmp/$slug"
	while IFS= read -r line; do
		wrap "$line"
	done <<< "$text" > "$tmp/$slug/$1"
}
# doc TEMPLATE KIND TITLE RECEIVED: store it in the current dossier, print its id
doc() {
	fill "$1"
	t doc add "$ref" "$tmp/$slug/$1" --kind "$2" --title "$3" --received "$4"
}
# the usual package: sets D_FORM D_KVK D_STAT D_BEV D_TLP D_PRIV D_REG
all_docs() {
	local on=$1
	D_FORM=$(doc aanvraagformulier.txt aanvraagformulier "Aanvraagformulier met deelnemerslijst" "$on")
	D_KVK=$(doc kvk-uittreksel.txt overig "Uittreksel Handelsregister" "$on")
	D_STAT=$(doc statuten.txt statuten "Statuten (uittreksel)" "$on")
	D_BEV=$(doc beveiligingsbeleid.txt beveiligingsbeleid "Informatiebeveiligingsbeleid (samenvatting)" "$on")
	D_TLP=$(doc tlp-procedure.txt tlp-procedure "TLP-procedure (TLP 2.0)" "$on")
	D_PRIV=$(doc privacyverklaring.txt privacybeleid "Privacyverklaring" "$on")
	D_REG=$(doc verwerkingsregister.txt verwerkingsregister "Verwerkingsregister (uittreksel)" "$on")
}

STUKKEN_ALLE='   - uittreksel Handelsregister
   - statuten (uittreksel)
   - samenvatting informatiebeveiligingsbeleid
   - TLP-procedure
   - privacyverklaring en uittreksel verwerkingsregister'
GRONDSLAG_GB='Gerechtvaardigd belang (art. 6 lid 1 onder f AVG). De verwerking is strikt noodzakelijk en evenredig voor de netwerk- en informatiebeveiliging van onze deelnemers (overweging 49 AVG). Wij hebben dat belang afgewogen tegen de belangen van de betrokkenen; die afweging is vastgelegd en op verzoek in te zien.'
VERWERKERS='Hostingpartij van het deelnemersportaal en de MISP-omgeving (verwerkersovereenkomst); e-maildienstverlener (verwerkersovereenkomst). Beide verwerken binnen de EER.'

# An OKTT assessment in which every criterion meets (voldoet). Uses the
# documents of all_docs and: kvk_date statuten_date verband doelgroep
# aantal taak bewaartermijn iso (ja/nee) website.
# The assessor's motivering per criterion: what the decision letter says.
motivate_full() {
	local c
	for c in rechtspersoon informeringstaak doelgroep informatiebeveiliging tlp \
		rechtmatige-verwerking doelbinding wederkerigheid; do
		q answer reason "$ref" "$c" "${M[$c]}"
	done
}
declare -A M=(
	[rechtspersoon]="De aanvrager is een stichting met volledige rechtsbevoegdheid, ingeschreven in het Handelsregister; het bestuur is bevoegd en bereikbaar."
	[informeringstaak]="De statuten leggen de taak vast om de deelnemers te informeren over dreigingen en incidenten met betrekking tot netwerk- en informatiesystemen (Wbni art. 3 lid 2 onder a)."
	[doelgroep]="De doelgroep is in de statuten objectief afgebakend en de deelnemerslijst past daarbinnen."
	[informatiebeveiliging]="Het informatiebeveiligingsbeleid volgt ISO/IEC 27001 en borgt de vertrouwelijkheid van de gedeelde informatie."
	[tlp]="De TLP-procedure is schriftelijk vastgelegd en wordt in de praktijk gevolgd."
	[rechtmatige-verwerking]="De verwerking van persoonsgegevens berust op een gerechtvaardigd belang (AVG art. 6 lid 1 onder f); register en verwerkersovereenkomsten zijn aanwezig."
	[doelbinding]="Gegevens worden alleen gebruikt voor het informeren van de deelnemers; de bewaartermijn is gemotiveerd."
	[wederkerigheid]="De aanvrager deelt zelf informatie terug met het NCSC volgens de gemaakte afspraken."
)

assess_full() {
	a rechtsvorm stichting --evidence "$D_STAT:art. 1" --evidence "$D_KVK:Rechtspersoon"
	a kvk-inschrijving ja --evidence "$D_KVK" \
		--note "Naam, KvK-nummer en adres komen overeen met het aanvraagformulier."
	a kvk-datum "$kvk_date" --evidence "$D_KVK"
	a bestuur ja --evidence "$D_KVK:Bestuurders" --evidence "$D_STAT:art. 4"
	a ondertekening bevoegd --evidence "$D_FORM:onderdeel 6" --evidence "$D_KVK:Bestuurders"
	a operationeel-contact ja-247 --evidence "$D_FORM:onderdeel 3" \
		--note "Proefmelding buiten kantoortijd beantwoord binnen 20 minuten."
	a contactmiddelen telefoon-247 functioneel-email pgp escalatie vervanging \
		--evidence "$D_FORM:onderdeel 3"

	a oprichtingsdocument statuten --evidence "$D_STAT"
	a document-datum "$statuten_date" --evidence "$D_STAT"
	a taak-in-document expliciet --evidence "$D_STAT:art. 2 lid 1"
	a taak-bepaling "Art. 2 lid 1: $taak" --evidence "$D_STAT:art. 2 lid 1"
	a ontvangers deelnemers organisaties --evidence "$D_STAT:art. 2 lid 2"
	a openbare-bronnen ja --note "Website $website geraadpleegd: nieuwsberichten, dreigingsbulletins en een jaarverslag met het aantal doorgegeven meldingen."

	a verband "$verband"
	a doelgroep-omschrijving "$doelgroep" --evidence "$D_STAT:art. 3 lid 1"
	a doelgroep-gemarkeerd ja --evidence "$D_STAT:art. 3"
	a ledenlijst ja --evidence "$D_FORM:bijlage deelnemerslijst"
	a aantal-deelnemers "$aantal" --evidence "$D_FORM:bijlage deelnemerslijst"

	if [ "$iso" = ja ]; then
		a beveiliging-stukken beleid iso27001 risicoanalyse --evidence "$D_BEV"
		a certificaat-reikwijdte ja --evidence "$D_BEV:par. 2" \
			--note "Scope van het certificaat omvat het analistenteam en de MISP-omgeving."
		a certificaat-geldig-tot "$(ahead 520)" --evidence "$D_BEV:par. 2"
	else
		a beveiliging-stukken beleid risicoanalyse --evidence "$D_BEV"
	fi
	a beveiligingsbeleid ja --evidence "$D_BEV:par. 1"
	a need-to-know ja --evidence "$D_BEV:par. 3"
	a geheimhouding ja --evidence "$D_BEV:par. 3" --evidence "$D_STAT:art. 5"
	a versleuteling ja --evidence "$D_BEV:par. 4"
	a incidentprocedure ja --evidence "$D_BEV:par. 5" \
		--note "De procedure voorziet in het informeren van de bron (het NCSC) bij een lek."

	a tlp-procedure tlp2 --evidence "$D_TLP"
	a tlp-niveaus red amber-strict amber green clear --evidence "$D_TLP:par. 1"
	a tlp-regels ja --evidence "$D_TLP:par. 1"
	a tlp-doorgeven ja --evidence "$D_TLP:par. 2"
	a tlp-deelnemers ja --evidence "$D_TLP:par. 3"

	a privacy-stukken privacyverklaring register datalekprocedure bewaarbeleid fg \
		--evidence "$D_PRIV" --evidence "$D_REG"
	a grondslag gerechtvaardigd-belang --evidence "$D_REG:grondslag" --evidence "$D_PRIV:grondslag"
	a belangenafweging ja --evidence "$D_PRIV:grondslag"
	a verwerkingsregister ja --evidence "$D_REG"
	a verwerkersovereenkomsten ja --evidence "$D_REG:verwerkers" \
		--note "Twee verwerkers (hosting, e-mail); overeenkomsten ingezien tijdens het gesprek."
	a datalekprocedure ja --evidence "$D_BEV:par. 5"
	a fg-verplicht nee \
		--note "Geen overheidsinstantie en geen grootschalige monitoring als kernactiviteit; er is vrijwillig een FG aangesteld."
	a privacyverklaring ja --evidence "$D_PRIV"

	a doel-vastgelegd ja --evidence "$D_REG:doel" --evidence "$D_PRIV"
	a ander-gebruik nee --evidence "$D_PRIV"
	a herverstrekking ja --evidence "$D_TLP:par. 2"
	a minimalisatie ja --evidence "$D_PRIV"
	a bewaartermijnen ja --evidence "$D_REG:bewaartermijn"
	a bewaartermijn "$bewaartermijn" --evidence "$D_REG:bewaartermijn"

	a terugdelen-bereid ja --evidence "$D_FORM:onderdeel 5"
	a terugdelen-vermogen ja \
		--note "Meldpunt voor deelnemers en een analist die meldingen beoordeelt; in het afgelopen jaar ruim 30 meldingen teruggedeeld met sectorgenoten."
	a terugdelen-afspraken ja --evidence "$D_FORM:onderdeel 5"
}

mkdir -p -- "$(dirname -- "$db")"
created=1

# ---- 1. Decision proposed, assessed in full: an education OKTT, 150 days ago --
# (Approval needs a second OS account: four eyes. The demo has one.)
slug=onderwijs-brabant
received=$(ago 150)
kvk_date=$(ago 162) statuten_date=2021-03-15
website=https://cyberweerbaar-onderwijs-brabant.example
taak="het informeren van de deelnemers en andere onderwijsinstellingen in Noord-Brabant over dreigingen en incidenten met betrekking tot netwerk- en informatiesystemen, en het ondersteunen van hen bij het nemen van maatregelen."
doelgroep="Instellingen voor primair, voortgezet en middelbaar beroepsonderwijs met een vestiging in Noord-Brabant die de deelnemersovereenkomst hebben getekend. Instellingen buiten Noord-Brabant en commerciële leveranciers horen er niet bij."
verband=regio aantal=27 iso=nee
bewaartermijn="Ruwe meldingen met IP-adressen 6 maanden; daarna geanonimiseerd voor statistiek. Nodig om herhaalde meldingen te herkennen; korter is volgens de aanvrager niet werkbaar."
ref=$(t dossier new --name "Stichting Cyberweerbaar Onderwijs Brabant (fictief)" --category oktt \
	--kvk 99990005 --legal-form stichting --address "Onderwijsboulevard 7, 5223 AA 's-Hertogenbosch (fictief)" \
	--website "$website" --representative "drs. M. (Marieke) van Dongen, voorzitter (fictief)" \
	--assessor f.bakker)
status ontvangen
q dossier set "$ref" received_on="$received"
F=([NAAM]="Stichting Cyberweerbaar Onderwijs Brabant (fictief)" [HANDELSNAAM]="Cyberweerbaar Onderwijs Brabant" [RP]=stichting [RECHTSVORM]=Stichting
	[ZETEL]="'s-Hertogenbosch" [ADRES]="Onderwijsboulevard 7, 5223 AA 's-Hertogenbosch (fictief)"
	[KVK]=99990005 [WEBSITE]="$website" [CATEGORIE]=OKTT
	[DOEL]="$taak"
	[MIDDEL]="het ontvangen, duiden en doorgeven van informatie over dreigingen, kwetsbaarheden en incidenten aan de deelnemers;"
	[DOELGROEP]="instellingen voor primair, voortgezet en middelbaar beroepsonderwijs met een vestiging in de provincie Noord-Brabant die de deelnemersovereenkomst hebben ondertekend."
	[DOELGROEP_KORT]="onderwijsinstellingen in Noord-Brabant" [AANTAL]=27
	[ACTIVITEIT]="informeren van onderwijsinstellingen over digitale dreigingen"
	[BESTUUR]="drs. M. van Dongen (fictief)    voorzitter     gezamenlijk bevoegd
ing. R. Aarts (fictief)          secretaris     gezamenlijk bevoegd
S. Yıldız MSc (fictief)          penningmeester gezamenlijk bevoegd"
	[CONTACT]="meldpunt@example.nl, +31 73 000 0150 (piketdienst)"
	[VERTEGENWOORDIGER]="drs. M. van Dongen, voorzitter, en ing. R. Aarts, secretaris"
	[DATUM_STATUTEN]="$(long_date "$statuten_date")" [DATUM_KVK]="$(long_date "$kvk_date")"
	[DATUM_AANVRAAG]="$(long_date "$(ago 152)")" [DATUM_BELEID]="12 februari 2025"
	[NORMENKADER]="Het beleid volgt ISO/IEC 27001:2022 en 27002 zonder certificering; de stichting is daarvoor te klein."
	[STUKKEN]="$STUKKEN_ALLE"
	[DEELNEMERS]="27 onderwijsinstellingen, waaronder (alle fictief):
- Scholengroep De Voorbeeldkempen
- Stichting Primair Onderwijs Maasland-Oost
- Regio College Brabant-Noord
- Lyceum aan de Dommel"
	[GRONDSLAG]="$GRONDSLAG_GB" [BEWAARTERMIJN]="$bewaartermijn" [VERWERKERS]="$VERWERKERS")
all_docs "$received"
q contact add "$ref" --name "Marieke van Dongen (fictief)" --role "bestuur, escalatie" \
	--email m.vandongen@example.nl --phone "+31 73 000 0101"
q contact add "$ref" --name "Meldpunt Cyberweerbaar Onderwijs (fictief)" --role "operationeel (24/7)" --operational \
	--email meldpunt@example.nl --phone "+31 73 000 0150" --pgp "8C1F 47A2 90D3 5B6E 11C4  7F20 A9E5 3D18 C062 4B7A"
status compleet in_toetsing
assess_full
motivate_full
q decision propose "$ref"
note "Voorstel tot aanwijzing ter goedkeuring bij een tweede toetser; daarna het aanwijzingsbesluit namens de Minister van Justitie en Veiligheid."

# ---- 2. Decision proposed (besluit voorgesteld): port ISAC, 70 days ago ------
slug=haven-isac-rijnmond
received=$(ago 70)
kvk_date=$(ago 80) statuten_date=2019-06-04
website=https://haven-isac-rijnmond.example
taak="het informeren van de deelnemers en andere organisaties in het havengebied Rijnmond over dreigingen en incidenten met betrekking tot netwerk- en informatiesystemen."
doelgroep="Havenbedrijven, terminals, rederijen en logistieke dienstverleners met een vestiging in het havengebied Rijnmond die deelnemer zijn volgens het deelnemersregister. Leveranciers van beveiligingsdiensten kunnen geen deelnemer zijn."
verband=keten aantal=64 iso=ja
bewaartermijn="Meldingen met IP-adressen en hostnamen 12 maanden, omdat aanvallen op de havenketen vaak pas later samenhangen; daarna verwijderd."
ref=$(t dossier new --name "Stichting Haven-ISAC Rijnmond (fictief)" --category oktt \
	--kvk 99990002 --legal-form stichting --address "Kadeweg 40, 3089 AB Rotterdam (fictief)" \
	--website "$website" --representative "mr. P. (Pieter) de Groot, voorzitter (fictief)")
status ontvangen
q dossier set "$ref" received_on="$received"
F=([NAAM]="Stichting Haven-ISAC Rijnmond (fictief)" [HANDELSNAAM]="Haven-ISAC Rijnmond" [RP]=stichting [RECHTSVORM]=Stichting
	[ZETEL]=Rotterdam [ADRES]="Kadeweg 40, 3089 AB Rotterdam (fictief)"
	[KVK]=99990002 [WEBSITE]="$website" [CATEGORIE]=OKTT
	[DOEL]="$taak"
	[MIDDEL]="het ontvangen, duiden en doorgeven van informatie over dreigingen, kwetsbaarheden en incidenten aan de deelnemers;"
	[DOELGROEP]="havenbedrijven, terminals, rederijen en logistieke dienstverleners met een vestiging in het havengebied Rijnmond, met uitzondering van leveranciers van beveiligingsdiensten."
	[DOELGROEP_KORT]="de bedrijven in het havengebied Rijnmond" [AANTAL]=64
	[ACTIVITEIT]="informatie-uitwisseling over digitale dreigingen in de haven"
	[BESTUUR]="mr. P. de Groot (fictief)        voorzitter     gezamenlijk bevoegd
ir. L. Koster (fictief)          secretaris     gezamenlijk bevoegd
A. El Amrani (fictief)           penningmeester gezamenlijk bevoegd"
	[CONTACT]="soc-haven-isac@example.nl, +31 10 000 0170 (24/7)"
	[VERTEGENWOORDIGER]="mr. P. de Groot, voorzitter, en ir. L. Koster, secretaris"
	[DATUM_STATUTEN]="$(long_date "$statuten_date")" [DATUM_KVK]="$(long_date "$kvk_date")"
	[DATUM_AANVRAAG]="$(long_date "$(ago 72)")" [DATUM_BELEID]="3 september 2025"
	[NORMENKADER]="De stichting is gecertificeerd volgens ISO/IEC 27001:2022 (certificaat nr. DEMO-27001-0042, fictief); de scope omvat het analistenteam en de MISP-omgeving."
	[STUKKEN]="$STUKKEN_ALLE"
	[DEELNEMERS]="64 organisaties, waaronder (alle fictief):
- Voorbeeld Container Terminal Maasvlakte B.V.
- Rederij Noordzeelijn
- Havenloodsen Rijnmond
- Tankopslag Botlek-Zuid"
	[GRONDSLAG]="$GRONDSLAG_GB" [BEWAARTERMIJN]="$bewaartermijn" [VERWERKERS]="$VERWERKERS")
all_docs "$received"
q contact add "$ref" --name "Pieter de Groot (fictief)" --role "bestuur, escalatie" \
	--email p.degroot@example.nl --phone "+31 10 000 0101"
q contact add "$ref" --name "SOC Haven-ISAC (fictief)" --role "operationeel (24/7)" --operational \
	--email soc-haven-isac@example.nl --phone "+31 10 000 0170" --pgp "51D0 9E3B 2A7C 84F6 0B19  E3C5 7D42 A086 F1B3 9C25"
q contact add "$ref" --name "Lotte Koster (fictief)" --role "functionaris gegevensbescherming" \
	--email fg-haven-isac@example.nl
status compleet in_toetsing
assess_full
motivate_full
note "Gesprek met bestuur en security officer gevoerd; verwerkersovereenkomsten en ISO-certificaat ingezien."
note "De redelijke termijn van 8 weken is verstreken; de aanvrager stemt in met uitstel tot het besluit (Awb 4:15 lid 2)."
q decision propose "$ref"
note "Voorstel tot aanwijzing ter goedkeuring bij de teamleider."

# ---- 3. In toetsing, partly assessed: a care cooperative, 50 days ago --------
slug=zorgnetwerk-ijsselland
received=$(ago 50)
kvk_date=$(ago 64) statuten_date=2023-11-09
website=https://zorgnetwerk-ijsselland.example
ref=$(t dossier new --name "Coöperatie Zorgnetwerk Ĳsselland (fictief)" --category oktt \
	--kvk 99990001 --legal-form "coöperatie U.A." --address "Ĳsselkade 12, 8011 AB Zwolle (fictief)" \
	--website "$website" --representative "E. (Esther) de Vries, bestuursvoorzitter (fictief)")
status ontvangen
q dossier set "$ref" received_on="$received"
F=([NAAM]="Coöperatie Zorgnetwerk Ĳsselland U.A. (fictief)" [HANDELSNAAM]="Zorgnetwerk Ĳsselland" [RP]=coöperatie [RECHTSVORM]="Coöperatie U.A."
	[ZETEL]=Zwolle [ADRES]="Ĳsselkade 12, 8011 AB Zwolle (fictief)"
	[KVK]=99990001 [WEBSITE]="$website" [CATEGORIE]=OKTT
	[DOEL]="het informeren van haar leden en andere zorgaanbieders in de regio Ĳsselland over dreigingen en incidenten met betrekking tot netwerk- en informatiesystemen, en het bevorderen van de digitale weerbaarheid van de zorg in de regio."
	[MIDDEL]="het ontvangen, duiden en doorgeven van informatie over dreigingen, kwetsbaarheden en incidenten aan de leden;"
	[DOELGROEP]="zorgaanbieders (ziekenhuizen, VVT-instellingen, GGZ-instellingen en huisartsenposten) met een vestiging in de regio Ĳsselland die lid zijn van de coöperatie (hierna: deelnemers)."
	[DOELGROEP_KORT]="de zorgaanbieders in de regio Ĳsselland" [AANTAL]=38
	[ACTIVITEIT]="samenwerking van zorgaanbieders op het gebied van digitale veiligheid"
	[BESTUUR]="E. de Vries (fictief)            voorzitter     gezamenlijk bevoegd
dr. H. Brink (fictief)           lid            gezamenlijk bevoegd
J. Hoekstra (fictief)            lid            gezamenlijk bevoegd"
	[CONTACT]="soc-zorgnetwerk@example.nl, +31 38 000 0124 (24/7)"
	[VERTEGENWOORDIGER]="E. de Vries, voorzitter, en dr. H. Brink, bestuurslid"
	[DATUM_STATUTEN]="$(long_date "$statuten_date")" [DATUM_KVK]="$(long_date "$kvk_date")"
	[DATUM_AANVRAAG]="$(long_date "$(ago 52)")" [DATUM_BELEID]="20 januari 2025"
	[NORMENKADER]="Het beleid volgt NEN 7510 en ISO/IEC 27002, zoals in de zorg gebruikelijk; de coöperatie is niet gecertificeerd."
	[STUKKEN]="$STUKKEN_ALLE"
	[DEELNEMERS]="38 zorgaanbieders, waaronder (alle fictief):
- Ziekenhuis Voorbeeld-Ĳsseldelta
- Zorggroep De Vechtoever
- GGZ Sallandse Heuvelrug (fictief)
- Huisartsenpost Kampen-Voorbeeld"
	[GRONDSLAG]="$GRONDSLAG_GB"
	[BEWAARTERMIJN]="Meldingen met IP-adressen 6 maanden; daarna verwijderd."
	[VERWERKERS]="$VERWERKERS")
all_docs "$received"
q contact add "$ref" --name "Esther de Vries (fictief)" --role "bestuur, escalatie" \
	--email e.devries@example.nl --phone "+31 38 000 0101"
q contact add "$ref" --name "SOC Zorgnetwerk Ĳsselland (fictief)" --role "operationeel (24/7)" --operational \
	--email soc-zorgnetwerk@example.nl --phone "+31 38 000 0124" --pgp "E4A7 1C90 3B5D 62F8 A01E  9D37 C4B2 5F86 0D13 7A29"
status compleet in_toetsing
a rechtsvorm andere --evidence "$D_STAT:art. 1" --evidence "$D_KVK:Rechtspersoon" \
	--note "Coöperatie U.A. De informeringstaak staat expliciet in art. 2, maar nagaan of de coöperatie als intermediair voor de hele regio optreedt of alleen voor haar leden."
a kvk-inschrijving ja --evidence "$D_KVK"
a kvk-datum "$kvk_date" --evidence "$D_KVK"
a bestuur ja --evidence "$D_KVK:Bestuurders"
a ondertekening bevoegd --evidence "$D_FORM:onderdeel 6" --evidence "$D_KVK:Bestuurders"
a operationeel-contact ja-247 --evidence "$D_FORM:onderdeel 3"
a contactmiddelen telefoon-247 functioneel-email pgp --evidence "$D_FORM:onderdeel 3"
a oprichtingsdocument statuten --evidence "$D_STAT"
a document-datum "$statuten_date" --evidence "$D_STAT"
a taak-in-document expliciet --evidence "$D_STAT:art. 2 lid 1"
a taak-bepaling "Art. 2 lid 1: het informeren van haar leden en andere zorgaanbieders in de regio Ĳsselland over dreigingen en incidenten met betrekking tot netwerk- en informatiesystemen." \
	--evidence "$D_STAT:art. 2 lid 1"
a ontvangers deelnemers organisaties --evidence "$D_STAT:art. 2 lid 1"
a openbare-bronnen ja --note "Website $website geraadpleegd: maandelijkse dreigingsbulletins voor leden sinds 2024."
a verband regio
a doelgroep-omschrijving "Zorgaanbieders (ziekenhuizen, VVT, GGZ, huisartsenposten) met een vestiging in de regio Ĳsselland die lid zijn van de coöperatie." \
	--evidence "$D_STAT:art. 3 lid 1"
a doelgroep-gemarkeerd ja --evidence "$D_STAT:art. 3"
a ledenlijst ja --evidence "$D_FORM:bijlage deelnemerslijst"
a aantal-deelnemers 38 --evidence "$D_FORM:bijlage deelnemerslijst"
a beveiliging-stukken beleid risicoanalyse --evidence "$D_BEV"
a beveiligingsbeleid ja --evidence "$D_BEV:par. 1"
a need-to-know ja --evidence "$D_BEV:par. 3"
a tlp-procedure tlp2 --evidence "$D_TLP"
a tlp-niveaus red amber-strict amber green clear --evidence "$D_TLP:par. 1"
note "Toetsing gestart. Nog open: geheimhouding, versleuteling en incidentprocedure, TLP-regels, AVG, doelbinding en wederkerigheid."
note "Let op: de redelijke termijn van 8 weken na ontvangst (Awb 4:13) is bijna verstreken; zo nodig verdagen (Awb 4:14)."

# ---- 4. Aanvulling gevraagd: water boards association, 40 days ago ----------
slug=waterschappen
received=$(ago 40)
kvk_date=$(ago 47) statuten_date=2017-09-28
website=https://digitale-veiligheid-waterschappen.example
ref=$(t dossier new --name "Vereniging Digitale Veiligheid Waterschappen (fictief)" --category oktt \
	--kvk 99990004 --legal-form vereniging --address "Polderweg 3, 3811 AB Amersfoort (fictief)" \
	--website "$website" --representative "ir. W. (Willem) Bos, voorzitter (fictief)")
status ontvangen
q dossier set "$ref" received_on="$received"
F=([NAAM]="Vereniging Digitale Veiligheid Waterschappen (fictief)" [HANDELSNAAM]="Digitale Veiligheid Waterschappen" [RP]=vereniging [RECHTSVORM]="Vereniging met volledige rechtsbevoegdheid"
	[ZETEL]=Amersfoort [ADRES]="Polderweg 3, 3811 AB Amersfoort (fictief)"
	[KVK]=99990004 [WEBSITE]="$website" [CATEGORIE]=OKTT
	[DOEL]="het bevorderen van de digitale veiligheid van de waterschappen en het delen van kennis daarover tussen de leden."
	[MIDDEL]="het organiseren van bijeenkomsten en kennissessies voor de leden;"
	[DOELGROEP]="de waterschappen in Nederland die als lid tot de vereniging zijn toegelaten (hierna: deelnemers)."
	[DOELGROEP_KORT]="de aangesloten waterschappen" [AANTAL]=19
	[ACTIVITEIT]="kennisnetwerk digitale veiligheid voor waterschappen"
	[BESTUUR]="ir. W. Bos (fictief)             voorzitter     gezamenlijk bevoegd
M. Visser (fictief)              secretaris     gezamenlijk bevoegd
drs. K. Jansen (fictief)         penningmeester gezamenlijk bevoegd"
	[CONTACT]="csirt-dvw@example.nl, +31 33 000 0199 (24/7)"
	[VERTEGENWOORDIGER]="ir. W. Bos, voorzitter, en M. Visser, secretaris"
	[DATUM_STATUTEN]="$(long_date "$statuten_date")" [DATUM_KVK]="$(long_date "$kvk_date")"
	[DATUM_AANVRAAG]="$(long_date "$(ago 41)")" [DATUM_BELEID]="7 mei 2024"
	[NORMENKADER]="Het beleid sluit aan bij de Baseline Informatiebeveiliging Overheid (BIO) die de leden zelf toepassen."
	[STUKKEN]="   - uittreksel Handelsregister
   - statuten (uittreksel)
   - samenvatting informatiebeveiligingsbeleid
   - TLP-procedure
   (privacyverklaring en verwerkingsregister volgen)"
	[DEELNEMERS]="19 waterschappen, waaronder (alle fictief):
- Waterschap Voorbeelddelta
- Hoogheemraadschap van de Lage Weide
- Waterschap Peel en Voorbeeldvallei"
	[GRONDSLAG]="$GRONDSLAG_GB" [BEWAARTERMIJN]="-" [VERWERKERS]="-")
D_FORM=$(doc aanvraagformulier.txt aanvraagformulier "Aanvraagformulier met deelnemerslijst" "$received")
D_KVK=$(doc kvk-uittreksel.txt overig "Uittreksel Handelsregister" "$received")
D_STAT=$(doc statuten.txt statuten "Statuten (uittreksel)" "$received")
D_BEV=$(doc beveiligingsbeleid.txt beveiligingsbeleid "Informatiebeveiligingsbeleid (samenvatting)" "$received")
D_TLP=$(doc tlp-procedure.txt tlp-procedure "TLP-procedure (TLP 2.0)" "$received")
q contact add "$ref" --name "Willem Bos (fictief)" --role "bestuur, escalatie" \
	--email w.bos@example.nl --phone "+31 33 000 0101"
q contact add "$ref" --name "CSIRT-DVW (fictief)" --role "operationeel (24/7)" --operational \
	--email csirt-dvw@example.nl --phone "+31 33 000 0199"
status compleet in_toetsing
a rechtsvorm vereniging --evidence "$D_STAT:art. 1" --evidence "$D_KVK:Rechtspersoon"
a kvk-inschrijving ja --evidence "$D_KVK"
a kvk-datum "$kvk_date" --evidence "$D_KVK"
a bestuur ja --evidence "$D_KVK:Bestuurders"
a oprichtingsdocument statuten --evidence "$D_STAT"
a document-datum "$statuten_date" --evidence "$D_STAT"
a taak-in-document impliciet --evidence "$D_STAT:art. 2" \
	--note "Art. 2 noemt alleen 'het bevorderen van de digitale veiligheid'; het informeren over dreigingen en incidenten staat er niet in. Statutenwijziging of toelichting gevraagd."
a taak-bepaling "Art. 2 lid 1: het bevorderen van de digitale veiligheid van de waterschappen en het delen van kennis daarover tussen de leden." \
	--evidence "$D_STAT:art. 2 lid 1"
a privacy-stukken geen --note "Privacyverklaring en verwerkingsregister ontbreken; volgens het aanvraagformulier volgen ze."
a verwerkingsregister niet-overgelegd
a privacyverklaring nee
a tlp-procedure tlp2 --evidence "$D_TLP"
status aanvulling_gevraagd
note "Verzoek om aanvulling verzonden (Awb 4:5): privacyverklaring, uittreksel verwerkingsregister en een toelichting op de informeringstaak in art. 2 van de statuten. Termijn: vier weken. De beslistermijn is opgeschort (Awb 4:15 lid 1 onder a)."

# ---- 5. Compleet, with documents: a sector CERT, 12 days ago ----------------
slug=z-cert-demo
received=$(ago 12)
ref=$(t dossier new --name "Z-CERT-demo" --category cert \
	--kvk 99990003 --legal-form stichting --address "Zorgplein 1, 3511 AA Utrecht (fictief)" \
	--website https://z-cert-demo.example --representative "drs. A. (Anouk) Smit, bestuurder-directeur (fictief)" \
	--assessor f.bakker)
status ontvangen
q dossier set "$ref" received_on="$received"
F=([NAAM]="Stichting Z-CERT-demo (fictief)" [HANDELSNAAM]="Z-CERT-demo" [RP]=stichting [RECHTSVORM]=Stichting
	[ZETEL]=Utrecht [ADRES]="Zorgplein 1, 3511 AA Utrecht (fictief)"
	[KVK]=99990003 [WEBSITE]=https://z-cert-demo.example [CATEGORIE]="computercrisisteam (CERT)"
	[DOEL]="het als computercrisisteam bijstaan van de aangesloten zorginstellingen bij het voorkomen en afhandelen van incidenten met betrekking tot hun netwerk- en informatiesystemen, en het informeren van hen over dreigingen en incidenten."
	[MIDDEL]="het monitoren van dreigingen, het waarschuwen van aangesloten zorginstellingen en het bijstaan bij incidentafhandeling;"
	[DOELGROEP]="zorgaanbieders in Nederland die een aansluitovereenkomst met de stichting hebben gesloten (hierna: deelnemers)."
	[DOELGROEP_KORT]="de aangesloten zorgaanbieders in Nederland" [AANTAL]=212
	[ACTIVITEIT]="computercrisisteam voor de zorgsector"
	[BESTUUR]="prof. dr. R. Hendriks (fictief)   voorzitter     gezamenlijk bevoegd
drs. A. Smit (fictief)           directeur      gezamenlijk bevoegd
mr. C. Peters (fictief)          lid            gezamenlijk bevoegd"
	[CONTACT]="soc-zcert-demo@example.nl, +31 30 000 0112 (24/7)"
	[VERTEGENWOORDIGER]="prof. dr. R. Hendriks, voorzitter, en drs. A. Smit, directeur"
	[DATUM_STATUTEN]="14 februari 2022" [DATUM_KVK]="$(long_date "$(ago 20)")"
	[DATUM_AANVRAAG]="$(long_date "$(ago 13)")" [DATUM_BELEID]="1 juli 2025"
	[NORMENKADER]="Het beleid volgt NEN 7510; de stichting is gecertificeerd volgens ISO/IEC 27001:2022 (certificaat nr. DEMO-27001-0112, fictief)."
	[STUKKEN]="$STUKKEN_ALLE"
	[DEELNEMERS]="212 zorgaanbieders, waaronder (alle fictief):
- Universitair Voorbeeld Medisch Centrum
- Zorggroep Heuvelland-Demo
- Apotheek Voorbeeldstad"
	[GRONDSLAG]="$GRONDSLAG_GB"
	[BEWAARTERMIJN]="Incidentgegevens 2 jaar; IP-adressen uit meldingen 6 maanden."
	[VERWERKERS]="$VERWERKERS")
all_docs "$received"
q contact add "$ref" --name "Anouk Smit (fictief)" --role "directeur, escalatie" \
	--email a.smit@example.nl --phone "+31 30 000 0101"
q contact add "$ref" --name "SOC Z-CERT-demo (fictief)" --role "operationeel (24/7)" --operational \
	--email soc-zcert-demo@example.nl --phone "+31 30 000 0112" --pgp "2B6D A0F4 7C31 E958 04AB  C7E2 193F 6D80 B5C4 E107"
status compleet
note "Stukken compleet. Let op: de uitkomst is een advies aan de minister over opname in de Regeling aanwijzing computercrisisteams, geen aanwijzingsbesluit."

# ---- 6. Ontvangen: an EU national CSIRT, 3 days ago -------------------------
ref=$(t dossier new --name "CERT-Example (EU, fictief)" --category csirt \
	--legal-form "overheidsorgaan (EU-lidstaat, fictief)" --address "Example Street 1, 1000 Example City (EU, fictief)" \
	--website https://cert-example.example --representative "Dr. M. Example, head of CERT-Example (fictief)")
status ontvangen
q dossier set "$ref" received_on="$(ago 3)"
q contact add "$ref" --name "CERT-Example duty officer (fictief)" --role "operationeel (24/7)" --operational \
	--email cert-example-duty@example.nl --phone "+32 2 000 00 00"
note "Aanvraag per e-mail ontvangen van de nationale CSIRT van een EU-lidstaat. Vermelding in het CSIRTs Network (ENISA) nog controleren; de stukken volgen via de beveiligde uitwisseling."
note "Ontvangstbevestiging nog versturen."

# ---- 7. Aangemeld: an internet access provider, first contact ---------------
ref=$(t dossier new --name "Glasvezel Noord B.V. (fictief)" --category isp \
	--kvk 99990006 --legal-form "besloten vennootschap" --address "Stationsweg 12, 9726 AC Groningen (fictief)" \
	--website https://glasvezel-noord.example --representative "ir. H. (Hendrik) Dijkstra, directeur (fictief)")
q contact add "$ref" --name "Hendrik Dijkstra (fictief)" --role directeur \
	--email h.dijkstra@example.nl --phone "+31 50 000 0101"
note "Kennismaking per e-mail: de aanbieder wil zijn ruim 40.000 aansluitingen informeren over kwetsbare apparatuur. Handreiking en aanvraagformulier toegestuurd."


t audit verify > /dev/null
printf '%s: demo database written to %s\n' "$prog" "$db"
