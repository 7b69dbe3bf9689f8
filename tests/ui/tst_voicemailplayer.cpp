// The voicemail player of the call logs: it reads a recording's length, plays and pauses it, moves
// with its slider, rewinds at the end, and says plainly when a file cannot be played.
#include "calls/voicemailplayer.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// Under a loaded machine the media framework may take a while to start; nothing here waits on a clock.
constexpr int Patience = 30000;

// A mono 16-bit PCM WAV file of a tone, `milliseconds` long, as Twilio's recordings are when asked for WAV.
QByteArray wav(int milliseconds)
{
    constexpr quint32 rate = 8000;
    const quint32 samples = rate * quint32(milliseconds) / 1000;
    QByteArray pcm(int(samples * 2), Qt::Uninitialized);
    for (quint32 i = 0; i < samples; ++i)
        qToLittleEndian<qint16>(qint16(6000 * std::sin(2 * M_PI * 440 * i / rate)), pcm.data() + 2 * i);
    QByteArray file;
    auto put32 = [&file](quint32 value) {
        char bytes[4];
        qToLittleEndian(value, bytes);
        file.append(bytes, 4);
    };
    auto put16 = [&file](quint16 value) {
        char bytes[2];
        qToLittleEndian(value, bytes);
        file.append(bytes, 2);
    };
    file.append("RIFF");
    put32(36 + quint32(pcm.size()));
    file.append("WAVEfmt ");
    put32(16);
    put16(1); // PCM
    put16(1); // mono
    put32(rate);
    put32(rate * 2);
    put16(2);
    put16(16);
    file.append("data");
    put32(quint32(pcm.size()));
    file.append(pcm);
    return file;
}

} // namespace

class tst_VoicemailPlayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void emptyPlayerOffersNothing();
    void readsPlaysAndPauses();
    void rewindsAtTheEnd();
    void sliderMovesTheMessage();
    void aFileThatIsNotAudioIsSaidSo();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QPushButton *playButton() { return m_player->findChild<QPushButton *>(u"playVoicemail"_s); }
    QSlider *slider() { return m_player->findChild<QSlider *>(u"voicemailPosition"_s); }
    QLabel *timeLabel() { return m_player->findChild<QLabel *>(u"voicemailTime"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<VoicemailPlayer> m_player;
};

void tst_VoicemailPlayer::init()
{
    m_player.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_player = std::make_unique<VoicemailPlayer>();
    m_player->show();
}

QString tst_VoicemailPlayer::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void tst_VoicemailPlayer::emptyPlayerOffersNothing()
{
    QVERIFY(playButton());
    QVERIFY(!playButton()->isEnabled());
    QVERIFY(!slider()->isEnabled());
    QCOMPARE(m_player->duration(), 0);
    QVERIFY(m_player->problem().isEmpty());
    m_player->togglePlaying(); // nothing to play: no effect, no crash
    QVERIFY(!m_player->isPlaying());
}

void tst_VoicemailPlayer::readsPlaysAndPauses()
{
    // Long enough that it is still playing when paused, however slow the machine.
    m_player->setFile(write(u"message.wav"_s, wav(20000)));
    QVERIFY(playButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(m_player->duration() > 0, Patience);
    QVERIFY2(qAbs(m_player->duration() - 20000) <= 50, qPrintable(QString::number(m_player->duration())));
    QCOMPARE(slider()->maximum(), int(m_player->duration()));
    QVERIFY(slider()->isEnabled());
    QCOMPARE(timeLabel()->text(), u"0:00 of 0:20"_s);
    QCOMPARE(playButton()->text(), u"Play"_s);

    QTest::mouseClick(playButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_player->isPlaying(), Patience);
    QCOMPARE(playButton()->text(), u"Pause"_s);
    QTRY_VERIFY_WITH_TIMEOUT(slider()->value() > 0, Patience);

    QTest::mouseClick(playButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_player->isPlaying(), Patience);
    QCOMPARE(playButton()->text(), u"Play"_s);
    QVERIFY(m_player->position() > 0);

    // Another call's message, or none: what played stops.
    QTest::mouseClick(playButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_player->isPlaying(), Patience);
    m_player->setFile({});
    QVERIFY(!m_player->isPlaying());
    QVERIFY(!playButton()->isEnabled());
}

void tst_VoicemailPlayer::rewindsAtTheEnd()
{
    m_player->setFile(write(u"short.wav"_s, wav(500)));
    QTRY_VERIFY_WITH_TIMEOUT(m_player->duration() > 0, Patience);
    QTest::mouseClick(playButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_player->isPlaying(), Patience);
    // Played to its end, the message stops and rewinds, ready to be heard again.
    QTRY_VERIFY_WITH_TIMEOUT(!m_player->isPlaying(), Patience);
    QTRY_COMPARE_WITH_TIMEOUT(m_player->position(), 0, Patience);
    QCOMPARE(slider()->value(), 0);
    QCOMPARE(playButton()->text(), u"Play"_s);
    QVERIFY(playButton()->isEnabled());
}

void tst_VoicemailPlayer::sliderMovesTheMessage()
{
    m_player->setFile(write(u"long.wav"_s, wav(4000)));
    QTRY_VERIFY_WITH_TIMEOUT(m_player->duration() > 0, Patience);
    slider()->setValue(3000); // what a click on the groove or the arrow keys do
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(m_player->position() - 3000) <= 100, Patience);
    QCOMPARE(timeLabel()->text(), u"0:03 of 0:04"_s);

    // The keyboard: Home goes back to the beginning.
    slider()->setFocus();
    QTest::keyClick(slider(), Qt::Key_Home);
    QTRY_VERIFY_WITH_TIMEOUT(m_player->position() <= 100, Patience);
}

void tst_VoicemailPlayer::aFileThatIsNotAudioIsSaidSo()
{
    m_player->setFile(write(u"broken.wav"_s, QByteArray("RIFF----WAVEfmt ").repeated(100)));
    QTRY_VERIFY_WITH_TIMEOUT(!m_player->problem().isEmpty(), Patience);
    QVERIFY2(m_player->problem().contains(u"cannot be played"_s), qPrintable(m_player->problem()));
    QVERIFY(!playButton()->isEnabled());
    QLabel *problem = m_player->findChild<QLabel *>(u"voicemailProblem"_s);
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), m_player->problem());

    // A good file afterwards plays again and the sentence goes.
    m_player->setFile(write(u"good.wav"_s, wav(500)));
    QVERIFY(m_player->problem().isEmpty());
    QVERIFY(!problem->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(m_player->duration() > 0, Patience);
    QVERIFY(playButton()->isEnabled());
}

QTEST_MAIN(tst_VoicemailPlayer)
#include "tst_voicemailplayer.moc"
