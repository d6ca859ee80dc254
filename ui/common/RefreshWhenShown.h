#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace tessera::ui {

// Runs a page's refresh now when the page is visible, or on its next show otherwise, so hidden pages
// queue no vault jobs (a lock right after unlocking must not wait for pages nobody looks at). A page
// starts stale: it reads the vault when first shown.
class RefreshWhenShown : public QObject
{
    Q_OBJECT

public:
    RefreshWhenShown(QWidget* page, std::function<void()> refresh);

    // For the page's own refresh(): what it shows is current.
    void markFresh() { m_stale = false; }

public Q_SLOTS:
    void request();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_page;
    std::function<void()> m_refresh;
    bool m_stale = true;
};

} // namespace tessera::ui
