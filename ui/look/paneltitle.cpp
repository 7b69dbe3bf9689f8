#include "paneltitle.h"

#include <QLabel>

using namespace Qt::StringLiterals;

namespace PanelTitle {

QLabel *create(const QString &text, QWidget *parent)
{
    auto *title = new QLabel(text, parent);
    title->setObjectName(u"panelTitle"_s);
    title->setAccessibleName(text);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    title->setFont(font);
    return title;
}

} // namespace PanelTitle
