// Which columns of a file hold each field of the import contract, and how its dates are written.
#include "columnmapping.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// "E-Mail", "e_mail" and "EMAIL" are one name; so are "Teléfono" and "telefono", "Nächster Termin" and
// "nachster termin", "Nº paciente" and "no paciente": letters and digits only, lower case, accents off.
QString normalized(const QString &name)
{
    const QString decomposed = name.normalized(QString::NormalizationForm_KD);
    QString result;
    result.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.isLetterOrNumber())
            result.append(c.toLower());
    }
    return result;
}

// The names practice, booking and address-book software give a column, best first, written normalized().
// English, German and Spanish, as the app is translated into.
const QStringList s_customerIds = { u"customerid"_s, u"patientid"_s, u"id"_s, u"patientnumber"_s,
    u"patientno"_s, u"patientnr"_s, u"clientid"_s, u"clientnumber"_s, u"customernumber"_s, u"customerno"_s,
    u"accountnumber"_s, u"chartnumber"_s, u"recordnumber"_s, u"kundennummer"_s, u"kundennr"_s, u"kundenid"_s,
    u"patientennummer"_s, u"patientennr"_s, u"patientenid"_s, u"nr"_s, u"nummer"_s, u"idpaciente"_s,
    u"numerodepaciente"_s, u"numeropaciente"_s, u"idcliente"_s, u"numerodecliente"_s, u"numerocliente"_s,
    u"nopaciente"_s, u"npaciente"_s, u"numpaciente"_s, u"nodepaciente"_s, u"expediente"_s, u"historia"_s };
const QStringList s_bookingIds = { u"bookingid"_s, u"appointmentid"_s, u"id"_s, u"appointmentnumber"_s,
    u"bookingnumber"_s, u"reservationid"_s, u"terminid"_s, u"terminnummer"_s, u"terminnr"_s,
    u"buchungsnummer"_s, u"idcita"_s, u"numerodecita"_s, u"citaid"_s, u"idreserva"_s };
const QStringList s_fullNames
    = { u"name"_s, u"customername"_s, u"fullname"_s, u"patientname"_s, u"clientname"_s, u"patient"_s,
          u"customer"_s, u"client"_s, u"vollername"_s, u"patientenname"_s, u"kundenname"_s, u"kunde"_s,
          u"nombrecompleto"_s, u"nombreyapellidos"_s, u"nombreapellidos"_s, u"paciente"_s, u"cliente"_s };
const QStringList s_firstNames = { u"firstname"_s, u"givenname"_s, u"forename"_s, u"first"_s, u"vorname"_s,
    u"nombre"_s, u"nombres"_s, u"primernombre"_s };
const QStringList s_lastNames = { u"lastname"_s, u"surname"_s, u"familyname"_s, u"last"_s, u"nachname"_s,
    u"familienname"_s, u"zuname"_s, u"apellidos"_s, u"apellido"_s, u"primerapellido"_s };
// Mobiles first: a mobile is what a patient calls from.
const QStringList s_mobiles = { u"mobile"_s, u"mobilephone"_s, u"mobilenumber"_s, u"cell"_s, u"cellphone"_s,
    u"cellular"_s, u"cellnumber"_s, u"handy"_s, u"handynummer"_s, u"mobil"_s, u"mobiltelefon"_s,
    u"mobilnummer"_s, u"movil"_s, u"telefonomovil"_s, u"celular"_s, u"numeromovil"_s, u"numerodemovil"_s };
const QStringList s_phones = { u"phone"_s, u"phonenumber"_s, u"telephone"_s, u"tel"_s, u"homephone"_s,
    u"home"_s, u"telefon"_s, u"telefonnummer"_s, u"festnetz"_s, u"telefonprivat"_s, u"privat"_s,
    u"telefono"_s, u"telefonofijo"_s, u"fijo"_s, u"telefonocasa"_s, u"workphone"_s, u"businessphone"_s,
    u"telefondienstlich"_s, u"telefonotrabajo"_s };
const QStringList s_emails = { u"email"_s, u"emailaddress"_s, u"mail"_s, u"emailadresse"_s, u"mailadresse"_s,
    u"correo"_s, u"correoelectronico"_s, u"email1"_s };
const QStringList s_notes = { u"notes"_s, u"note"_s, u"comments"_s, u"comment"_s, u"remarks"_s, u"memo"_s,
    u"bemerkung"_s, u"bemerkungen"_s, u"notiz"_s, u"notizen"_s, u"hinweis"_s, u"hinweise"_s, u"anmerkung"_s,
    u"anmerkungen"_s, u"notas"_s, u"nota"_s, u"observaciones"_s, u"comentarios"_s, u"comentario"_s };
const QStringList s_staff = { u"assignedstaff"_s, u"staff"_s, u"provider"_s, u"assignedto"_s, u"dentist"_s,
    u"doctor"_s, u"practitioner"_s, u"clinician"_s, u"hygienist"_s, u"therapist"_s, u"behandler"_s,
    u"behandelnder"_s, u"zahnarzt"_s, u"zahnarztin"_s, u"arzt"_s, u"arztin"_s, u"mitarbeiter"_s,
    u"betreuer"_s, u"dentista"_s, u"odontologo"_s, u"medico"_s, u"profesional"_s, u"asignadoa"_s,
    u"responsable"_s };
const QStringList s_starts = { u"startsat"_s, u"start"_s, u"starts"_s, u"startdatetime"_s, u"appointment"_s,
    u"nextappointment"_s, u"appointmentdate"_s, u"appointmentdatetime"_s, u"datetime"_s, u"date"_s, u"when"_s,
    u"termin"_s, u"nachstertermin"_s, u"termindatum"_s, u"datum"_s, u"beginn"_s, u"cita"_s, u"proximacita"_s,
    u"fechacita"_s, u"fechadecita"_s, u"fechahora"_s, u"fechayhora"_s, u"fecha"_s, u"inicio"_s };
// A time in a column of its own, joined to the date.
const QStringList s_startTimes
    = { u"time"_s, u"starttime"_s, u"appointmenttime"_s, u"uhrzeit"_s, u"zeit"_s, u"startzeit"_s,
          u"terminzeit"_s, u"beginnzeit"_s, u"hora"_s, u"horainicio"_s, u"horadeinicio"_s, u"horacita"_s };
const QStringList s_ends
    = { u"endsat"_s, u"end"_s, u"ends"_s, u"enddatetime"_s, u"ende"_s, u"bis"_s, u"fin"_s };
const QStringList s_endTimes = { u"endtime"_s, u"endzeit"_s, u"horafin"_s, u"horadefin"_s, u"horafinal"_s };
const QStringList s_statuses
    = { u"status"_s, u"state"_s, u"appointmentstatus"_s, u"bookingstatus"_s, u"terminstatus"_s, u"estado"_s };
const QStringList s_services
    = { u"service"_s, u"treatment"_s, u"procedure"_s, u"appointmenttype"_s, u"type"_s, u"reason"_s,
          u"visittype"_s, u"behandlung"_s, u"leistung"_s, u"terminart"_s, u"behandlungsart"_s, u"grund"_s,
          u"anlass"_s, u"servicio"_s, u"tratamiento"_s, u"motivo"_s, u"tipo"_s, u"tipodecita"_s };

// The header's names, normalized, and which columns a guess has taken.
class HeaderNames
{
public:
    explicit HeaderNames(const QStringList &header)
    {
        for (const QString &name : header)
            m_names.append(normalized(name));
    }

    // The first free column with one of `synonyms`, the best synonym first; -1 when none.
    int find(const QStringList &synonyms) const
    {
        for (const QString &synonym : synonyms) {
            for (int i = 0; i < m_names.size(); ++i) {
                if (!m_taken.contains(i) && m_names.at(i) == synonym)
                    return i;
            }
        }
        return -1;
    }

    int take(const QStringList &synonyms)
    {
        const int column = find(synonyms);
        if (column >= 0)
            m_taken.insert(column);
        return column;
    }

    // The columns that are found, in order, none taken twice.
    QList<int> takeAll(std::initializer_list<const QStringList *> lists)
    {
        QList<int> columns;
        for (const QStringList *synonyms : lists) {
            const int column = take(*synonyms);
            if (column >= 0)
                columns.append(column);
        }
        return columns;
    }

private:
    QStringList m_names;
    QSet<int> m_taken;
};

// "First Name" + "Last Name", else a full name; a German "Vorname" + "Name" is first and last name.
QList<int> guessName(HeaderNames &names)
{
    const int first = names.find(s_firstNames);
    const int last = names.find(s_lastNames);
    if (first >= 0 && last >= 0)
        return names.takeAll({ &s_firstNames, &s_lastNames });
    if (first >= 0 && names.find({ u"name"_s }) >= 0)
        return names.takeAll({ &s_firstNames, &s_fullNames });
    if (const int full = names.take(s_fullNames); full >= 0)
        return { full };
    return names.takeAll({ &s_firstNames, &s_lastNames });
}

// The mobile, or else another phone; a file with phones only: the first, or else the second.
QList<int> guessPhone(HeaderNames &names)
{
    QList<int> columns = names.takeAll({ &s_mobiles, &s_phones });
    if (columns.size() == 1) {
        if (const int other = names.take(s_phones); other >= 0)
            columns.append(other);
    }
    return columns;
}

// A date and time in one column, or a date and a time in two.
QList<int> guessStart(HeaderNames &names, int *dateColumn)
{
    QList<int> columns;
    *dateColumn = names.take(s_starts);
    if (*dateColumn >= 0)
        columns.append(*dateColumn);
    if (const int time = names.take(s_startTimes); time >= 0 && !columns.isEmpty())
        columns.append(time);
    else
        *dateColumn = -1;
    return columns;
}

QList<int> guessEnd(HeaderNames &names, int dateColumn)
{
    if (const int end = names.take(s_ends); end >= 0)
        return { end };
    // An end time beside a separate start date and time ends on that date.
    if (const int time = names.take(s_endTimes); time >= 0)
        return dateColumn >= 0 ? QList<int> { dateColumn, time } : QList<int> { time };
    return {};
}

} // namespace

ColumnMapping::ColumnMapping(ImportKind kind, const QStringList &header)
    : m_kind(kind)
{
    for (const QString &name : header)
        m_header.append(name.trimmed());
}

QList<ColumnMapping::Field> ColumnMapping::fields(ImportKind kind)
{
    if (kind == ImportKind::Customers) {
        // Without a customer_id, customers are known by name and phone (CustomerImporter says how).
        return {
            { u"customer_id"_s, false, Combine::FirstFilled, 1 },
            { u"name"_s, true, Combine::Joined, 2 },
            { u"phone"_s, true, Combine::FirstFilled, 2 },
            { u"email"_s, false, Combine::FirstFilled, 1 },
            { u"notes"_s, false, Combine::Joined, 1 },
            { u"assigned_staff"_s, false, Combine::FirstFilled, 1 },
        };
    }
    return {
        { u"booking_id"_s, true, Combine::FirstFilled, 1 },
        { u"customer_id"_s, false, Combine::FirstFilled, 1 },
        { u"customer_name"_s, false, Combine::Joined, 2 },
        { u"phone"_s, false, Combine::FirstFilled, 2 },
        { u"starts_at"_s, true, Combine::Joined, 2 },
        { u"ends_at"_s, false, Combine::Joined, 2 },
        { u"status"_s, false, Combine::FirstFilled, 1 },
        { u"service"_s, false, Combine::FirstFilled, 1 },
        { u"staff"_s, false, Combine::FirstFilled, 1 },
    };
}

ColumnMapping::Field ColumnMapping::field(ImportKind kind, const QString &name)
{
    const QList<Field> all = fields(kind);
    const auto it = std::find_if(all.cbegin(), all.cend(), [&](const Field &f) { return f.name == name; });
    return it == all.cend() ? Field { name, false, Combine::FirstFilled, 1 } : *it;
}

ColumnMapping ColumnMapping::guess(ImportKind kind, const QStringList &header)
{
    ColumnMapping mapping(kind, header);
    HeaderNames names(mapping.m_header);
    // The contract's own names first, so that a file in the contract's form maps each to itself. Names,
    // phones and times are left to their guesses, whose lists start with the contract's name: "Vorname" +
    // "Name" is one name, and "Mobile" goes before "Phone".
    static const QStringList s_guessedTogether
        = { u"name"_s, u"customer_name"_s, u"phone"_s, u"starts_at"_s, u"ends_at"_s };
    for (const Field &field : fields(kind)) {
        if (s_guessedTogether.contains(field.name))
            continue;
        if (const int column = names.take({ QString(field.name).remove(u'_') }); column >= 0)
            mapping.m_columns.insert(field.name, { column });
    }
    const auto guessed = [&](const QString &field, const QList<int> &columns) {
        if (!mapping.m_columns.contains(field) && !columns.isEmpty())
            mapping.m_columns.insert(field, columns);
    };
    const auto has = [&](const QString &field) { return mapping.m_columns.contains(field); };
    if (kind == ImportKind::Customers) {
        if (!has(u"customer_id"_s))
            guessed(u"customer_id"_s, { names.take(s_customerIds) });
        if (!has(u"name"_s))
            guessed(u"name"_s, guessName(names));
        if (!has(u"phone"_s))
            guessed(u"phone"_s, guessPhone(names));
        if (!has(u"email"_s))
            guessed(u"email"_s, { names.take(s_emails) });
        if (!has(u"notes"_s))
            guessed(u"notes"_s, { names.take(s_notes) });
        if (!has(u"assigned_staff"_s))
            guessed(u"assigned_staff"_s, { names.take(s_staff) });
    } else {
        if (!has(u"booking_id"_s))
            guessed(u"booking_id"_s, { names.take(s_bookingIds) });
        if (!has(u"customer_id"_s)) {
            QStringList customerIds = s_customerIds;
            customerIds.removeAll(u"id"_s); // a bookings file's own id
            guessed(u"customer_id"_s, { names.take(customerIds) });
        }
        if (!has(u"customer_name"_s))
            guessed(u"customer_name"_s, guessName(names));
        if (!has(u"phone"_s))
            guessed(u"phone"_s, guessPhone(names));
        int dateColumn = -1;
        if (!has(u"starts_at"_s))
            guessed(u"starts_at"_s, guessStart(names, &dateColumn));
        if (!has(u"ends_at"_s))
            guessed(u"ends_at"_s, guessEnd(names, dateColumn));
        if (!has(u"status"_s))
            guessed(u"status"_s, { names.take(s_statuses) });
        if (!has(u"service"_s))
            guessed(u"service"_s, { names.take(s_services) });
        if (!has(u"staff"_s))
            guessed(u"staff"_s, { names.take(s_staff) });
    }
    // take() answers -1 for a name the file does not have.
    for (auto it = mapping.m_columns.begin(); it != mapping.m_columns.end();) {
        it->removeAll(-1);
        it = it->isEmpty() ? mapping.m_columns.erase(it) : std::next(it);
    }
    return mapping;
}

void ColumnMapping::setColumns(const QString &field, const QList<int> &columns)
{
    QList<int> kept;
    for (const int column : columns) {
        if (column >= 0 && column < m_header.size() && !kept.contains(column))
            kept.append(column);
    }
    if (kept.isEmpty())
        m_columns.remove(field);
    else
        m_columns.insert(field, kept);
}

QStringList ColumnMapping::mappedFields() const
{
    QStringList result;
    for (const Field &field : fields(m_kind)) {
        if (m_columns.contains(field.name))
            result.append(field.name);
    }
    return result;
}

QString ColumnMapping::value(const CsvRecord &record, const QString &fieldName) const
{
    const QList<int> columns = m_columns.value(fieldName);
    if (columns.size() == 1)
        return record.fields.value(columns.first()).trimmed();
    const Combine combine = field(m_kind, fieldName).combine;
    QStringList parts;
    for (const int column : columns) {
        const QString part = record.fields.value(column).trimmed();
        if (part.isEmpty())
            continue;
        if (combine == Combine::FirstFilled)
            return part;
        parts.append(part);
    }
    return parts.join(u' ');
}

CsvRecord ColumnMapping::apply(const CsvRecord &record) const
{
    CsvRecord mapped;
    mapped.line = record.line;
    for (const Field &field : fields(m_kind)) {
        if (m_columns.contains(field.name))
            mapped.fields.append(value(record, field.name));
    }
    return mapped;
}

QString ColumnMapping::sourceText(const QString &fieldName) const
{
    QStringList names;
    for (const int column : m_columns.value(fieldName))
        names.append(m_header.value(column));
    if (field(m_kind, fieldName).combine == Combine::Joined)
        return names.join(u" + "_s);
    return names.join(tr(" or else "));
}

QList<int> ColumnMapping::unusedColumns() const
{
    QSet<int> used;
    for (const QList<int> &columns : m_columns)
        used.unite(QSet<int>(columns.cbegin(), columns.cend()));
    QList<int> result;
    for (int i = 0; i < m_header.size(); ++i) {
        if (!used.contains(i))
            result.append(i);
    }
    return result;
}

QStringList ColumnMapping::missingFields() const
{
    QStringList missing;
    for (const Field &field : fields(m_kind)) {
        if (field.required && !m_columns.contains(field.name))
            missing.append(field.name);
    }
    if (m_kind == ImportKind::Bookings && !m_columns.contains(u"customer_id"_s)
        && !m_columns.contains(u"phone"_s))
        missing.append(tr("customer_id or phone"));
    return missing;
}

bool ColumnMapping::isContractForm() const
{
    for (auto it = m_columns.cbegin(); it != m_columns.cend(); ++it) {
        if (it->size() != 1 || m_header.value(it->first()).compare(it.key(), Qt::CaseInsensitive) != 0)
            return false;
    }
    return true;
}

QString ColumnMapping::headerKey(const QStringList &header)
{
    QStringList names;
    for (const QString &name : header) {
        if (const QString n = normalized(name); !n.isEmpty())
            names.append(n);
    }
    names.sort();
    return QString::fromLatin1(
        QCryptographicHash::hash(names.join(u'\n').toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

QByteArray ColumnMapping::toJson() const
{
    QJsonObject columns;
    for (const Field &field : fields(m_kind)) {
        QJsonArray names;
        for (const int column : m_columns.value(field.name))
            names.append(m_header.value(column));
        columns.insert(field.name, names);
    }
    static const char *const orders[] = { "iso", "day_first", "month_first" };
    QJsonObject object { { u"columns"_s, columns },
        { u"dates"_s, QString::fromLatin1(orders[int(m_dateOrder)]) } };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<ColumnMapping> ColumnMapping::fromJson(
    ImportKind kind, const QStringList &header, const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    if (object.isEmpty())
        return std::nullopt;
    ColumnMapping mapping(kind, header);
    const QJsonObject columns = object.value(u"columns"_s).toObject();
    for (const Field &field : fields(kind)) {
        QList<int> places;
        for (const QJsonValue &name : columns.value(field.name).toArray()) {
            const int place = int(mapping.m_header.indexOf(name.toString()));
            if (place < 0)
                return std::nullopt; // remembered for another file after all
            places.append(place);
        }
        mapping.setColumns(field.name, places.mid(0, field.maxColumns));
    }
    const QString dates = object.value(u"dates"_s).toString();
    mapping.m_dateOrder = dates == u"day_first"_s ? DateOrder::DayFirst
        : dates == u"month_first"_s               ? DateOrder::MonthFirst
                                                  : DateOrder::IsoOnly;
    return mapping;
}
