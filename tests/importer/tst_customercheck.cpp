// Tests of CustomerCheck: the rules the Add dialog and the imports share, in the words of each.
#include "importer/customercheck.h"
#include "phone/phonenormalizer.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_CustomerCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formWords();
    void rowProblems_data();
    void rowProblems();
    void staffByIdOrName();
    void staffUncheckedWithoutThePlan();
};

void tst_CustomerCheck::formWords()
{
    const PhoneNormalizer phone(u"US"_s);
    const CustomerCheck check(phone);
    QVERIFY(!CustomerCheck::nameProblem(u"  "_s).isEmpty());
    QVERIFY(CustomerCheck::nameProblem(u"Ada"_s).isEmpty());
    QCOMPARE(CustomerCheck::emailProblem(u"ada(at)example.com"_s),
        u"\"ada(at)example.com\" is not an email address."_s);
    QVERIFY(CustomerCheck::emailProblem(u""_s).isEmpty());
    QVERIFY(CustomerCheck::emailProblem(u" ada@example.com "_s).isEmpty());

    QString e164;
    QVERIFY(check.phoneProblem(u"(555) 123-4567"_s, &e164).isEmpty());
    QCOMPARE(e164, u"+15551234567"_s);
    QVERIFY(check.phoneProblem(QString(), &e164).isEmpty());
    QCOMPARE(e164, QString());
    QVERIFY2(!check.phoneProblem(u"12"_s, &e164).isEmpty(), "too short");
    QCOMPARE(e164, QString());
}

void tst_CustomerCheck::rowProblems_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("staff");
    QTest::addColumn<QStringList>("expected"); // "column: reason"

    QTest::newRow("all good") << u"Ada"_s << u"555-123-4567"_s << u"ada@example.com"_s << u"alice"_s
                              << QStringList();
    QTest::newRow("empty name") << u""_s << u"555-123-4567"_s << QString() << QString()
                                << QStringList { u"name: name is empty"_s };
    QTest::newRow("bad email") << u"Ada"_s << QString() << u"ada at home"_s << QString()
                               << QStringList { u"email: email \"ada at home\" is not an email address"_s };
    QTest::newRow("everything wrong, in column order")
        << u" "_s << u"12"_s << u"@"_s << u"zed"_s
        << QStringList { u"name: name is empty"_s, u"phone: phone \"12\" is not a phone number"_s,
               u"email: email \"@\" is not an email address"_s,
               u"assigned_staff: assigned_staff \"zed\" is not on the staff of the routing plan: alice "
               "(Alice Ng), bob"_s };
}

void tst_CustomerCheck::rowProblems()
{
    QFETCH(QString, name);
    QFETCH(QString, phone);
    QFETCH(QString, email);
    QFETCH(QString, staff);
    QFETCH(QStringList, expected);
    const PhoneNormalizer normalizer(u"US"_s);
    CustomerCheck check(normalizer);
    check.setStaff({ { u"alice"_s, u"Alice Ng"_s }, { u"bob"_s, QString() } });
    Customer customer;
    customer.name = name;
    customer.phoneRaw = phone;
    customer.email = email;
    customer.assignedStaff = staff;
    QStringList problems;
    for (const CustomerCheck::RowProblem &problem : check.rowProblems(&customer))
        problems.append(problem.column + u": "_s + problem.reason);
    QCOMPARE(problems, expected);
}

void tst_CustomerCheck::staffByIdOrName()
{
    const PhoneNormalizer normalizer(u"US"_s);
    CustomerCheck check(normalizer);
    check.setStaff({ { u"alice"_s, u"Dr. Alice Ng"_s } });
    QCOMPARE(check.staffId(u"ALICE"_s), u"alice"_s);
    QCOMPARE(check.staffId(u"dr. alice ng"_s), u"alice"_s); // as practice software exports the provider
    QCOMPARE(check.staffId(QString()), QString());
    QVERIFY(!check.staffId(u"Dr. Bob"_s));

    Customer customer;
    customer.name = u"Ada"_s;
    customer.assignedStaff = u"Dr. Alice Ng"_s;
    QVERIFY(check.rowProblems(&customer).isEmpty());
    QCOMPARE(customer.assignedStaff, u"alice"_s); // saved as the id the router dials by

    check.setStaff({});
    customer.assignedStaff = u"alice"_s;
    const QList<CustomerCheck::RowProblem> problems = check.rowProblems(&customer);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().reason.contains(u"has nobody yet"_s), qPrintable(problems.first().reason));
}

void tst_CustomerCheck::staffUncheckedWithoutThePlan()
{
    const PhoneNormalizer normalizer(u"US"_s);
    const CustomerCheck check(normalizer);
    Customer customer;
    customer.name = u"Ada"_s;
    customer.assignedStaff = u" someone "_s;
    QVERIFY(check.rowProblems(&customer).isEmpty());
    QCOMPARE(customer.assignedStaff, u"someone"_s);
}

QTEST_GUILESS_MAIN(tst_CustomerCheck)
#include "tst_customercheck.moc"
