#include "voicemailplayer.h"

#include "calls/calllogmodel.h"
#include "look/icons.h"
#include "look/statuscolours.h"

#include <QAudioDevice> // QList<QAudioDevice> in Qt 6.4's headers needs the complete type
#include <QAudioOutput>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QPushButton>
#include <QSlider>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

VoicemailPlayer::VoicemailPlayer(QWidget *parent)
    : QWidget(parent)
    , m_playButton(new QPushButton)
    , m_slider(new QSlider(Qt::Horizontal))
    , m_time(new QLabel)
    , m_problemLabel(new QLabel)
{
    m_playButton->setObjectName(u"playVoicemail"_s);
    connect(m_playButton, &QPushButton::clicked, this, &VoicemailPlayer::togglePlaying);

    m_slider->setObjectName(u"voicemailPosition"_s);
    m_slider->setAccessibleName(tr("Position in the voicemail"));
    m_slider->setSingleStep(1000);
    m_slider->setPageStep(5000);
    // Dragging moves the message only when let go; clicks and keys move it at once.
    m_slider->setTracking(false);
    connect(m_slider, &QSlider::valueChanged, this, &VoicemailPlayer::setPosition);
    connect(m_slider, &QSlider::sliderMoved, this, [this](int value) {
        m_time->setText(tr("%1 of %2", "position, length")
                            .arg(CallLogModel::durationText(value / 1000),
                                CallLogModel::durationText(int(duration() / 1000))));
    });

    m_time->setObjectName(u"voicemailTime"_s);
    m_problemLabel->setObjectName(u"voicemailProblem"_s);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_problemLabel->hide();

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(m_playButton);
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_time);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_problemLabel);

    showPlaying(false);
    showDuration(0);
    m_playButton->setEnabled(false);
}

VoicemailPlayer::~VoicemailPlayer() = default;

void VoicemailPlayer::ensurePlayer()
{
    if (m_player)
        return;
    m_player = new QMediaPlayer(this);
    m_output = new QAudioOutput(this);
    m_player->setAudioOutput(m_output);
    connect(m_player, &QMediaPlayer::positionChanged, this, &VoicemailPlayer::showPosition);
    connect(m_player, &QMediaPlayer::durationChanged, this, &VoicemailPlayer::showDuration);
    connect(m_player, &QMediaPlayer::playbackStateChanged, this,
        [this](QMediaPlayer::PlaybackState state) { showPlaying(state == QMediaPlayer::PlayingState); });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus status) {
        // At the end the message rewinds, so that Play starts it again from the beginning.
        if (status == QMediaPlayer::EndOfMedia)
            m_player->setPosition(0);
        else if (status == QMediaPlayer::InvalidMedia)
            showProblem(tr("This recording cannot be played here. Save it and open it with another program."));
    });
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &text) {
        showProblem(text.isEmpty() ? tr("This recording cannot be played here.")
                                   : tr("This recording cannot be played here: %1").arg(text));
    });
}

void VoicemailPlayer::dropPlayer()
{
    if (!m_player)
        return;
    m_player->disconnect(this);
    m_player->stop();
    m_player->deleteLater();
    m_output->deleteLater();
    m_player = nullptr;
    m_output = nullptr;
}

void VoicemailPlayer::setFile(const QString &path)
{
    if (path == m_file && (path.isEmpty() || m_player))
        return;
    m_file = path;
    // Each file gets a player of its own: the media framework reports on a file after another has
    // been set, and a late "cannot be played" for the last file must not land on this one.
    dropPlayer();
    showProblem({});
    showDuration(0);
    showPosition(0);
    showPlaying(false);
    if (path.isEmpty()) {
        m_playButton->setEnabled(false);
        return;
    }
    ensurePlayer();
    if (!m_player->isAvailable()) {
        showProblem(tr("This computer cannot play audio from Switchboard. Save the voicemail and open it "
                       "with another program."));
        return;
    }
    m_player->setSource(QUrl::fromLocalFile(path));
    m_playButton->setEnabled(true);
}

bool VoicemailPlayer::isPlaying() const
{
    return m_player && m_player->playbackState() == QMediaPlayer::PlayingState;
}

qint64 VoicemailPlayer::position() const
{
    return m_player ? m_player->position() : 0;
}

qint64 VoicemailPlayer::duration() const
{
    return m_player ? m_player->duration() : 0;
}

void VoicemailPlayer::setPosition(qint64 milliseconds)
{
    if (m_player && m_player->position() != milliseconds)
        m_player->setPosition(milliseconds);
}

void VoicemailPlayer::togglePlaying()
{
    if (!m_player || m_file.isEmpty())
        return;
    if (isPlaying())
        m_player->pause();
    else
        m_player->play();
}

void VoicemailPlayer::stop()
{
    if (m_player)
        m_player->pause();
}

void VoicemailPlayer::hideEvent(QHideEvent *event)
{
    stop();
    QWidget::hideEvent(event);
}

void VoicemailPlayer::showPosition(qint64 position)
{
    if (!m_slider->isSliderDown()) {
        const QSignalBlocker quiet(m_slider); // the player's own position is not a request to move it
        m_slider->setValue(int(position));
    }
    m_time->setText(tr("%1 of %2", "position, length")
                        .arg(CallLogModel::durationText(int(position / 1000)),
                            CallLogModel::durationText(int(duration() / 1000))));
}

void VoicemailPlayer::showDuration(qint64 duration)
{
    m_slider->setRange(0, int(duration));
    m_slider->setEnabled(duration > 0);
    showPosition(position());
}

void VoicemailPlayer::showProblem(const QString &problem)
{
    m_problem = problem;
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    if (!problem.isEmpty())
        m_playButton->setEnabled(false);
}

void VoicemailPlayer::showPlaying(bool playing)
{
    m_playButton->setText(playing ? tr("Pause") : tr("Play"));
    m_playButton->setIcon(Icons::named(playing ? u"media-playback-pause"_s : u"media-playback-start"_s));
    m_playButton->setAccessibleName(playing ? tr("Pause the voicemail") : tr("Play the voicemail"));
}
