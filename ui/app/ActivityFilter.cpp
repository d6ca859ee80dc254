#include "app/ActivityFilter.h"

#include <QEvent>

namespace tessera::ui {

ActivityFilter::ActivityFilter(std::function<void()> onActivity, QObject* parent)
    : QObject(parent), m_onActivity(std::move(onActivity))
{}

bool ActivityFilter::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TabletPress:
        m_onActivity();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace tessera::ui
