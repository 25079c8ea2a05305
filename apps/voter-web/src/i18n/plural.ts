// Russian number agreement: 1 голос, 2 голоса, 5 голосов (CLDR one / few / many for integers).

const rules = new Intl.PluralRules('ru-RU');

export function ruPlural(n: number, one: string, few: string, many: string): string {
  const category = rules.select(n);
  return category === 'one' ? one : category === 'few' ? few : many;
}
