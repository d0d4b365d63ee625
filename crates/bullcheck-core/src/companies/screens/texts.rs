//! The screens' universes and definitions in words, English and Chinese (printed by
//! `companies::render`; the JSON carries the English).

pub const SMALL_UNIVERSE_NOTE: &str = "small = current filers ranked 1,001-3,000 by latest \
dei:EntityPublicFloat among those reporting it: a documented proxy for the Russell 2000, not \
its membership list";

pub const ALL_UNIVERSE_NOTE: &str = "all = every current filer (latest annual report filed \
within 550 days before the as-of date)";

pub const SMALL_UNIVERSE_NOTE_ZH: &str = "小盘股 = 在报告 dei:EntityPublicFloat 的当前申报公司中\
按最新公众流通市值排名第1,001-3,000位者：罗素2000的有据可查的替代口径，并非其成分股名单";

pub const ALL_UNIVERSE_NOTE_ZH: &str = "全部 = 所有当前申报公司（最新年报在评估日前550天内提交）";

pub const ZOMBIE_DEFINITION: &str = "BIS broad definition: interest coverage \
(OperatingIncomeLoss / interest expense, interest expense > 0) below 1 in each of the three \
latest consecutive fiscal years, and a first annual report filed at least 10 years before the \
as-of date. Companies assessed: those with an annual OperatingIncomeLoss.";

/// [`ZOMBIE_DEFINITION`] in Chinese.
pub const ZOMBIE_DEFINITION_ZH: &str = "BIS 宽口径定义：最近连续三个财年的利息覆盖率\
（OperatingIncomeLoss / 利息费用，利息费用 > 0）均低于1，且首份年报提交于评估日至少10年之前。\
评估范围：有年度 OperatingIncomeLoss 的公司。";

pub const MATURITY_WALL_DEFINITION: &str = "Sum over companies of the debt maturity buckets \
(LongTermDebtMaturitiesRepaymentsOfPrincipalInNextTwelveMonths, ...InYearTwo ... InYearFive) \
of each company's latest annual balance sheet. Bucket k covers the k-th twelve months after the \
fiscal year end and is attributed to the calendar year in which those twelve months end; \
...AfterYearFive is reported separately. Companies assessed: those reporting any bucket.";

pub const REFINANCING_DEFINITION: &str = "Interest coverage ICR0 = OperatingIncomeLoss / interest \
expense at the latest fiscal year end (interest expense > 0); after repricing a share s of the \
debt from r0 to r1, ICR1 = ICR0 * r0 / ((1 - s) r0 + s r1) (docs/catalogue.md M3). s defaults to the \
share of the maturity schedule due within 24 months. Companies assessed: those with EBIT, \
positive interest expense and a maturity schedule at their latest fiscal year end.";
