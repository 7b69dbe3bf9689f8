// The bar above each plan editor: whether the plan has unsaved changes or faults to fix, with Save
// and Discard. Every plan editor shows one, over the same working copy.
#pragma once

#include <QWidget>

class PlanDraft;
class QLabel;
class QPushButton;

class PlanSaveBar : public QWidget
{
    Q_OBJECT

public:
    explicit PlanSaveBar(PlanDraft &draft, QWidget *parent = nullptr);

    QString statusText() const;
    QPushButton *saveButton() const { return m_save; }
    QPushButton *discardButton() const { return m_discard; }

private:
    void update();
    void discard();

    PlanDraft &m_draft;
    QLabel *m_status;
    QPushButton *m_save;
    QPushButton *m_discard;
};
