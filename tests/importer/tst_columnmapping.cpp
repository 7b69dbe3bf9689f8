// Tests of ColumnMapping: the guesses from real practice software's headers, the rows it makes for the
// importers, and what is remembered of it.
#include "importer/columnmapping.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ImportKind)

class tst_ColumnMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guessesFromRealHeaders_data();
    void guessesFromRealHeaders();
    void contractHeaderMapsToItself_data();
    void contractHeaderMapsToItself();
    void makesTheImportersRows();
    void saysWhatIsMissing();
    void remembersByColumnNames();
    void headerKeyIgnoresOrderAndSpelling();
};

namespace {

// "field=Column+Column|field=Column" for compact expectations; fields without columns are left out.
QString describe(const ColumnMapping &mapping)
{
    QStringList parts;
    for (const ColumnMapping::Field &field : ColumnMapping::fields(mapping.kind())) {
        QStringList names;
        for (const int column : mapping.columns(field.name))
            names.append(mapping.header().at(column));
        if (!names.isEmpty())
            parts.append(field.name + u'=' + names.join(u'+'));
    }
    return parts.join(u'|');
}

} // namespace

void tst_ColumnMapping::guessesFromRealHeaders_data()
{
    QTest::addColumn<ImportKind>("kind");
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("expected");

    const QString practice
        = u"Patient ID;First Name;Last Name;Mobile;Home Phone;E-Mail;Date of Birth;Next Appointment;Provider"_s;
    QTest::newRow("US practice software, customers")
        << ImportKind::Customers << practice
        << u"customer_id=Patient ID|name=First Name+Last Name|phone=Mobile+Home Phone|email=E-Mail|"
           "assigned_staff=Provider"_s;
    QTest::newRow("US practice software, bookings")
        << ImportKind::Bookings << practice
        << u"customer_id=Patient ID|customer_name=First Name+Last Name|phone=Mobile+Home Phone|"
           "starts_at=Next Appointment|staff=Provider"_s;
    QTest::newRow("German address book")
        << ImportKind::Customers << u"Vorname,Nachname,Handy,Telefon,E-Mail,Termin"_s
        << u"name=Vorname+Nachname|phone=Handy+Telefon|email=E-Mail"_s;
    QTest::newRow("German bookings")
        << ImportKind::Bookings << u"Vorname,Nachname,Handy,Telefon,E-Mail,Termin"_s
        << u"customer_name=Vorname+Nachname|phone=Handy+Telefon|starts_at=Termin"_s;
    QTest::newRow("German: Vorname and Name")
        << ImportKind::Customers << u"Patientennummer;Vorname;Name;Telefon;Bemerkung"_s
        << u"customer_id=Patientennummer|name=Vorname+Name|phone=Telefon|notes=Bemerkung"_s;
    QTest::newRow("Spanish clinic")
        << ImportKind::Customers
        << u"Nº paciente,Nombre,Apellidos,Móvil,Teléfono,Correo electrónico,Observaciones"_s
        << u"customer_id=Nº paciente|name=Nombre+Apellidos|phone=Móvil+Teléfono|email=Correo electrónico|"
           "notes=Observaciones"_s;
    QTest::newRow("Spanish appointments with a separate time")
        << ImportKind::Bookings << u"ID,Paciente,Teléfono,Fecha,Hora,Hora fin,Tratamiento,Estado,Dentista"_s
        << u"booking_id=ID|customer_name=Paciente|phone=Teléfono|starts_at=Fecha+Hora|ends_at=Fecha+Hora fin|"
           "status=Estado|service=Tratamiento|staff=Dentista"_s;
    QTest::newRow("one full name, cell phone")
        << ImportKind::Customers << u"Client ID, Full Name , Cell Phone,Email Address,Notes"_s
        << u"customer_id=Client ID|name=Full Name|phone=Cell Phone|email=Email Address|notes=Notes"_s;
    QTest::newRow("nothing known") << ImportKind::Customers << u"Colour,Size"_s << QString();
}

void tst_ColumnMapping::guessesFromRealHeaders()
{
    QFETCH(ImportKind, kind);
    QFETCH(QString, header);
    QFETCH(QString, expected);
    const QStringList names = header.split(header.contains(u';') ? u';' : u',');
    const ColumnMapping mapping = ColumnMapping::guess(kind, names);
    QCOMPARE(describe(mapping), expected);
    QCOMPARE(mapping.dateOrder(), DateOrder::IsoOnly);
}

void tst_ColumnMapping::contractHeaderMapsToItself_data()
{
    QTest::addColumn<ImportKind>("kind");
    QTest::addColumn<QString>("header");
    QTest::newRow("customers") << ImportKind::Customers
                               << u"customer_id,name,phone,email,notes,assigned_staff"_s;
    QTest::newRow("customers, any order and case")
        << ImportKind::Customers << u"Phone, NAME ,Customer_ID,fax"_s;
    QTest::newRow("bookings")
        << ImportKind::Bookings
        << u"booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff"_s;
}

void tst_ColumnMapping::contractHeaderMapsToItself()
{
    QFETCH(ImportKind, kind);
    QFETCH(QString, header);
    const ColumnMapping mapping = ColumnMapping::guess(kind, header.split(u','));
    QVERIFY(mapping.isContractForm());
    for (const QString &field : mapping.mappedFields()) {
        QCOMPARE(mapping.columns(field).size(), 1);
        QCOMPARE(mapping.header().at(mapping.columns(field).first()).toLower(), field);
    }
    QVERIFY(mapping.missingFields().isEmpty());
}

void tst_ColumnMapping::makesTheImportersRows()
{
    const QStringList header { u"Patient ID"_s, u"First Name"_s, u"Last Name"_s, u"Mobile"_s, u"Home Phone"_s,
        u"Date of Birth"_s };
    const ColumnMapping mapping = ColumnMapping::guess(ImportKind::Customers, header);
    QCOMPARE(mapping.mappedFields(), (QStringList { u"customer_id"_s, u"name"_s, u"phone"_s }));

    CsvRecord row { 7, { u"P-12"_s, u" Maria "_s, u"Lopez"_s, u""_s, u"(555) 010-7777"_s, u"1980-01-01"_s } };
    CsvRecord mapped = mapping.apply(row);
    QCOMPARE(mapped.line, 7);
    // The landline stands in for a missing mobile; the names are joined with one space.
    QCOMPARE(mapped.fields, (QStringList { u"P-12"_s, u"Maria Lopez"_s, u"(555) 010-7777"_s }));

    row.fields = QStringList { u"P-13"_s, u""_s, u"Cher"_s, u"555 010 8888"_s, u"555 010 9999"_s };
    mapped = mapping.apply(row);
    QCOMPARE(mapped.fields, (QStringList { u"P-13"_s, u"Cher"_s, u"555 010 8888"_s }));

    QCOMPARE(mapping.sourceText(u"name"_s), u"First Name + Last Name"_s);
    QCOMPARE(mapping.sourceText(u"phone"_s), u"Mobile or else Home Phone"_s);
    QCOMPARE(mapping.unusedColumns(), QList<int> { 5 });
}

void tst_ColumnMapping::saysWhatIsMissing()
{
    ColumnMapping customers = ColumnMapping::guess(ImportKind::Customers, { u"Name"_s, u"Fax"_s });
    QCOMPARE(customers.missingFields(), QStringList { u"phone"_s });
    customers.setColumns(u"phone"_s, { 1 });
    QVERIFY(customers.missingFields().isEmpty());

    const ColumnMapping bookings = ColumnMapping::guess(ImportKind::Bookings, { u"Patient"_s, u"Termin"_s });
    QCOMPARE(bookings.missingFields(), (QStringList { u"booking_id"_s, u"customer_id or phone"_s }));
}

void tst_ColumnMapping::remembersByColumnNames()
{
    const QStringList header { u"Vorname"_s, u"Nachname"_s, u"Handy"_s, u"Telefon"_s, u"Termin"_s, u"Nr"_s };
    ColumnMapping mapping = ColumnMapping::guess(ImportKind::Bookings, header);
    mapping.setColumns(u"customer_id"_s, {});
    mapping.setColumns(u"booking_id"_s, { 5 });
    mapping.setColumns(u"phone"_s, { 3 }); // the landline only
    mapping.setDateOrder(DateOrder::DayFirst);

    // The same columns in another order: remembered by name, not by place.
    const QStringList reordered { u"Nr"_s, u"Termin"_s, u"Telefon"_s, u"Handy"_s, u"Nachname"_s,
        u"Vorname"_s };
    const std::optional<ColumnMapping> again
        = ColumnMapping::fromJson(ImportKind::Bookings, reordered, mapping.toJson());
    QVERIFY(again);
    QCOMPARE(describe(*again), describe(mapping));
    QCOMPARE(again->columns(u"phone"_s), QList<int> { 2 });
    QCOMPARE(again->dateOrder(), DateOrder::DayFirst);

    // A header without a remembered column is not this file's mapping.
    QVERIFY(
        !ColumnMapping::fromJson(ImportKind::Bookings, { u"Vorname"_s, u"Nachname"_s }, mapping.toJson()));
    QVERIFY(!ColumnMapping::fromJson(ImportKind::Bookings, header, "not json"));
}

void tst_ColumnMapping::headerKeyIgnoresOrderAndSpelling()
{
    QCOMPARE(ColumnMapping::headerKey({ u"E-Mail"_s, u"Vorname"_s }),
        ColumnMapping::headerKey({ u" vorname"_s, u"EMAIL"_s }));
    QVERIFY(ColumnMapping::headerKey({ u"E-Mail"_s, u"Vorname"_s })
        != ColumnMapping::headerKey({ u"Vorname"_s }));
}

QTEST_GUILESS_MAIN(tst_ColumnMapping)
#include "tst_columnmapping.moc"
