#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWindow>

namespace tessera::ui {

// For start-up benchmarks: quits the application as soon as its first window is on screen. Header-only
// so the bare-window baseline can use the very same mechanism without linking Tessera.
class QuitOnFirstExpose : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Expose) {
            if (auto* window = qobject_cast<QWindow*>(watched); window && window->isExposed()) {
                QCoreApplication::instance()->removeEventFilter(this);
                QTimer::singleShot(0, QCoreApplication::instance(), &QCoreApplication::quit);
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace tessera::ui
