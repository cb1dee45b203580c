from django.urls import path

from governance.views import budget, chairs, meetings, plan, reports, standards, training, voice, workforce

app_name = "governance"

P = "performance/"

urlpatterns = [
    path(P, plan.index, name="index"),
    # business plan
    path(P + "plans/<int:pk>/", plan.plan_detail, name="plan_detail"),
    path(P + "plans/<int:pk>/chair-report/", plan.chair_report_create, name="chair_report_create"),
    path(P + "objectives/<int:pk>/", plan.objective_detail, name="objective_detail"),
    path(P + "objectives/<int:pk>/rate/", plan.objective_rate, name="objective_rate"),
    # meetings and attendance
    path(P + "meetings/", meetings.meeting_list, name="meeting_list"),
    path(P + "meetings/new/", meetings.meeting_create, name="meeting_create"),
    path(P + "meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path(P + "meetings/<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path(P + "chairs-meetings/", chairs.chairs_meeting_list, name="chairs_meeting_list"),
    path(P + "chairs-meetings/new/", chairs.chairs_meeting_create, name="chairs_meeting_create"),
    path(P + "chairs-meetings/<int:pk>/", chairs.chairs_meeting_detail, name="chairs_meeting_detail"),
    path(P + "attendance/", meetings.attendance_dashboard, name="attendance_dashboard"),
    path(P + "attendance/export/", meetings.attendance_export, name="attendance_export"),
    # budget
    path(P + "budget/", budget.budget_dashboard, name="budget_dashboard"),
    path(P + "budget/export/", budget.budget_export, name="budget_export"),
    path(P + "budget/contributions/new/", budget.contribution_add, name="contribution_add"),
    path(P + "budget/expenditure/new/", budget.expenditure_add, name="expenditure_add"),
    path(P + "budget/pressures/new/", budget.pressure_create, name="pressure_create"),
    path(P + "budget/investments/new/", budget.investment_create, name="investment_create"),
    # training
    path(P + "training/", training.training_dashboard, name="training_dashboard"),
    path(P + "training/export/", training.training_export, name="training_export"),
    path(P + "training/sessions/<int:pk>/", training.session_detail, name="session_detail"),
    path(P + "training/sessions/<int:pk>/places/", training.places_add, name="places_add"),
    path(P + "training/sessions/<int:pk>/evaluation/", training.evaluation_enter, name="evaluation_enter"),
    path(P + "training/evaluate/<str:token>/", training.evaluate, name="evaluate"),
    path(P + "training/standards/", standards.standards_page, name="standards"),
    path(P + "training/courses/<int:pk>/", standards.course_detail, name="course_detail"),
    path(P + "training/courses/<int:pk>/assess/", standards.course_assess, name="course_assess"),
    path(P + "training/sessions/<int:pk>/follow-up/", standards.follow_up_enter, name="follow_up_enter"),
    path(P + "training/follow-up/<str:token>/", standards.follow_up, name="follow_up"),
    # workforce
    path(P + "workforce/", workforce.workforce_summary, name="workforce_summary"),
    path(P + "workforce/enter/", workforce.workforce_enter, name="workforce_enter"),
    # how effective is the partnership
    path(P + "rating/", voice.survey_list, name="survey_list"),
    path(P + "rating/open/", voice.survey_open, name="survey_open"),
    path(P + "rating/<int:pk>/", voice.survey_detail, name="survey_detail"),
    path(P + "feedback/open/", voice.campaign_open, name="campaign_open"),
    path(P + "feedback/<int:pk>/results/", voice.feedback_results, name="feedback_results"),
    path(P + "practitioner-feedback/", voice.feedback_public, name="feedback_public"),
    path(P + "practitioner-feedback/thanks/", voice.feedback_thanks, name="feedback_thanks"),
    # reports through PAQA
    path(P + "reports/", reports.report_list, name="report_list"),
    path(P + "reports/new/", reports.report_upload, name="report_upload"),
    path(P + "reports/request/", reports.report_request, name="report_request"),
    path(P + "reports/send/<str:kind>/<str:ref>/", reports.report_send, name="report_send"),
    path(P + "reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path(P + "reports/<int:pk>/submit/", reports.report_submit, name="report_submit"),
    path(P + "reports/<int:pk>/decide/", reports.report_decide, name="report_decide"),
    path(P + "reports/<int:pk>/file/", reports.report_download, name="report_download"),
]
