// Tests what the ui library compiles into the resources: the application icon.
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

class TestResources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void iconIsCompiledIn();
};

void TestResources::iconIsCompiledIn()
{
    QFile icon(u":/icons/io.switchboard.Switchboard.svg"_s);
    QVERIFY(icon.open(QIODevice::ReadOnly));
    const QByteArray svg = icon.readAll();
    QVERIFY(svg.contains("<svg"));
    QVERIFY(svg.contains("viewBox=\"0 0 128 128\""));
}

QTEST_GUILESS_MAIN(TestResources)
#include "tst_resources.moc"
