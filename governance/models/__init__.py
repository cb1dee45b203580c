"""Partnership performance records, one module per part of the framework's first strand."""

from governance.models.base import PartnershipWideQuerySet  # noqa: F401
from governance.models.budget import (  # noqa: F401
    BudgetPressure,
    Contribution,
    ExpenditureLine,
    FinancialYear,
    Investment,
)
from governance.models.chairs import ChairsDecision, ChairsMeeting  # noqa: F401
from governance.models.feedback import (  # noqa: F401
    FeedbackAnswer,
    FeedbackCampaign,
    FeedbackQuestion,
    FeedbackResponse,
)
from governance.models.meetings import Attendance, Meeting, QuorumRule  # noqa: F401
from governance.models.plan import ChairReport, Objective, Plan, Priority  # noqa: F401
from governance.models.reports import ReportEvent, RoutedReport  # noqa: F401
from governance.models.standards import (  # noqa: F401
    CourseAssessment,
    CriterionAnswer,
    OutputStandard,
    PracticeFollowUp,
    StandardCriterion,
)
from governance.models.surveys import RatingSurvey, SurveyAnswer, SurveyQuestion, SurveyResponse  # noqa: F401
from governance.models.training import Course, Evaluation, TrainingPlace, TrainingSession  # noqa: F401
from governance.models.workforce import WorkforceReturn  # noqa: F401
