// Plays a voicemail inside the app: play and pause, a position slider and the time heard so far,
// so that staff listen to a message where they read its call, whatever the desktop has installed.
#pragma once

#include <QWidget>

class QAudioOutput;
class QLabel;
class QMediaPlayer;
class QPushButton;
class QSlider;

class VoicemailPlayer : public QWidget
{
    Q_OBJECT

public:
    explicit VoicemailPlayer(QWidget *parent = nullptr);
    ~VoicemailPlayer() override;

    // The audio file to play; an empty path clears the player. Stops what was playing.
    void setFile(const QString &path);
    QString file() const { return m_file; }

    bool isPlaying() const;
    // Milliseconds; 0 until the file has been read.
    qint64 position() const;
    qint64 duration() const;
    void setPosition(qint64 milliseconds);
    // Why the file cannot be played, in a sentence; empty while all is well.
    QString problem() const { return m_problem; }

public Q_SLOTS:
    void togglePlaying();
    void stop();

protected:
    // A message goes quiet when its panel is left, rather than playing on behind another one.
    void hideEvent(QHideEvent *event) override;

private:
    // The media framework starts on the first voicemail, not with the window: most sessions play none.
    void ensurePlayer();
    void dropPlayer();
    void showPosition(qint64 position);
    void showDuration(qint64 duration);
    void showProblem(const QString &problem);
    void showPlaying(bool playing);

    QString m_file;
    QString m_problem;
    QMediaPlayer *m_player = nullptr;
    QAudioOutput *m_output = nullptr;
    QPushButton *m_playButton = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_problemLabel = nullptr;
};
