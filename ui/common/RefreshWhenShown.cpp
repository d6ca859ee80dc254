#include "common/RefreshWhenShown.h"

#include <QEvent>
#include <QWidget>

namespace tessera::ui {

RefreshWhenShown::RefreshWhenShown(QWidget* page, std::function<void()> refresh)
    : QObject(page), m_page(page), m_refresh(std::move(refresh))
{
    page->installEventFilter(this);
}

void RefreshWhenShown::request()
{
    if (m_page->isVisible()) {
        m_stale = false;
        m_refresh();
    } else {
        m_stale = true;
    }
}

bool RefreshWhenShown::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_page && event->type() == QEvent::Show && m_stale) {
        m_stale = false;
        m_refresh();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace tessera::ui
