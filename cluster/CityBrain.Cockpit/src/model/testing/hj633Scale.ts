import type { AqiCategory } from '../../api/types';

/** The HJ 633 bands as GET /api/aqi/categories serves them, deliberately out of order: for the page's unit tests. */
export const hj633Scale: AqiCategory[] = [
  band(3, '三级', 101, 150, 'lightlyPolluted', '轻度污染', 'Lightly polluted', '#FF7E00'),
  band(1, '一级', 0, 50, 'excellent', '优', 'Excellent', '#00E400'),
  band(2, '二级', 51, 100, 'good', '良', 'Good', '#FFFF00'),
  band(4, '四级', 151, 200, 'moderatelyPolluted', '中度污染', 'Moderately polluted', '#FF0000'),
  band(5, '五级', 201, 300, 'heavilyPolluted', '重度污染', 'Heavily polluted', '#99004C'),
  band(6, '六级', 301, 500, 'severelyPolluted', '严重污染', 'Severely polluted', '#7E0023'),
];

function band(
  level: number,
  levelName: string,
  lowerIndex: number,
  upperIndex: number,
  code: string,
  nameZh: string,
  nameEn: string,
  colour: string,
): AqiCategory {
  return { level, levelName, lowerIndex, upperIndex, code, nameZh, nameEn, colour };
}
