from bscp_portal.lib.beat import beat

BEAT = {
    "annual-report-requeue-stalled": beat("annual_report.tasks.requeue_stalled", minute="*/5"),
}
