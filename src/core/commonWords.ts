/** About 400 frequent English words: as a name without `exactCase`, each would match almost every document. */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `the be to of and in that have it for not on with he as you do at this but his by from they we say her she or an will
my one all would there their what so up out if about who get which go me when make can like time no just him know
take people into year your good some could them see other than then now look only come its over think also back
after use two how our work first well way even new want because any these give day most us is are was were been
being has had did does done said made more very many much where why here should may might must each every few own
same such both through before between under again off down while still never always often less least last long great
little old big small large high low next early late young right left real sure true free full open close part place
case point group number fact hand eye life world home thing man woman child men women children end line name word
words set run put keep let begin seem help show hear play move live believe bring happen write sit stand lose pay
meet include continue learn change lead understand watch follow stop create speak read allow add spend grow offer
remember love consider appear buy wait serve die send expect build stay fall cut reach kill remain suggest raise
pass sell require report decide pull yes yeah ok okay too once upon across against along around within without
toward towards during since until among above below near far together already yet soon later today tomorrow
yesterday maybe perhaps really quite rather almost enough however though although whether either neither nor per via
etc something nothing anything everything someone anyone everyone nobody somebody another others those whom whose am
im isnt dont cant wont didnt doesnt thats youre theyre ive ill id lets three four five six seven eight nine ten
hundred thousand million second third bad best better worse worst bigger lot lots kind sort type ways things times
days week month years hour minute moment side top bottom front question problem system program state area money
story issue job book water room mother father night head house`.split(/\s+/),
);
