import json
EC=["ECOWAS","NGA","GHA","SEN","CIV","BEN","TGO","GMB","LBR","SLE","CPV","GNB"]
AS=["ASEAN","BRN","KHM","IDN","LAO","MYS","MMR","PHL","SGP","THA","VNM"]
def E(cat,src,tgt,d,req,ev,loc=None):
    if isinstance(d,str): d=[d,d]
    return {"category":cat,"source":src,"target":tgt,"date":d,"location":loc,"required":req,"evidence":ev}
niger=[
E("SANCTION",["ECOWAS"]+EC[1:],["NER"],"2024-03-06",True,"suspended Niger from all its decision-making bodies","NGA"),
E("THREATEN",["ECOWAS"]+EC[1:],["NER"],"2024-03-06",True,"threatened to impose economic sanctions unless","NGA"),
E(["COERCE","ASSAULT"],["NER"],["NER"],["2024-02-26","2024-03-03"],False,"military officers who seized power last week","NER"),
E("CONSULT",EC,None,"2024-03-06",True,"meeting at an extraordinary summit in Abuja","NGA"),
E("MOBILIZE",EC,["NER"],"2024-03-06",True,"placed the ECOWAS standby force on alert for a possible intervention in Niger","NGA"),
E("ACCUSE",EC,["NER"],"2024-03-06",True,"the leaders condemned the detention of Prime Minister","NGA"),
E("REQUEST",EC,["NER"],"2024-03-06",True,"demanded their immediate and unconditional release","NGA"),
E("COERCE",["NER"],["NER"],["2024-02-29","2024-03-01"],True,"Soldiers of the presidential guard arrested the prime minister and the four ministers","NER"),
E("REJECT",["NER"],["ECOWAS"]+EC[1:],"2024-03-06",True,"The junta ... rejected the ultimatum on Wednesday evening","NER"),
E("ACCUSE",["NER"],["ECOWAS"],["2024-02-29","2024-03-06"],True,"accused ECOWAS of serving foreign interests","NER"),
E("THREATEN",["NER"],["ECOWAS"],["2024-02-29","2024-03-06"],True,"warned that any military intervention would be met with force","NER"),
E("COERCE",["NER"],None,["2024-02-26","2024-03-06"],True,"The junta has also imposed a nightly curfew in the capital","NER"),
E(["COERCE","SANCTION"],["NER"],None,["2024-02-26","2024-03-06"],False,"closed the country's land and air borders","NER"),
E("PROTEST",["NER"],["FRA","ECOWAS"],"2024-03-05",True,"supporters of the junta rallied outside the French embassy in Niamey on Tuesday","NER"),
E(["COERCE","ASSAULT"],["NER"],["NER"],"2024-03-05",True,"Police fired tear gas to disperse a smaller group of demonstrators","NER"),
E("PROTEST",["NER"],None,"2024-03-05",True,"demonstrators who gathered in the city centre on the same day","NER"),
E("REQUEST",["NER"],["NER"],"2024-03-05",False,"to demand the release of the detained ministers","NER"),
E("SANCTION",["NGA"],["NER"],"2024-03-04",True,"Nigeria ... cut power exports to its northern neighbour on Monday","NGA"),
E("CONSULT",["AU"],None,"2024-03-05",False,"Peace and Security Council met in Addis Ababa on Tuesday","ETH"),
E("REQUEST",["AU"],["NER"],"2024-03-05",True,"called on the soldiers to return to their barracks","ETH"),
E("SANCTION",["USA"],["NER"],["2024-02-26","2024-03-06"],True,"had paused about $200 million in development assistance to Niger",None),
E("CONSULT",["FRA","NGA"],["FRA","NGA"],"2024-03-05",True,"Sejourne discussed the crisis with Nigerian President Bola Tinubu in a telephone call on Tuesday",None),
E("COERCE",["NER"],["NER"],["2024-02-26","2024-03-06"],False,"remains under house arrest","NER"),
]
scs=[
E("ACCUSE",["PHL"],["CHN"],"2024-10-17",True,"summoned China's ambassador to protest","PHL"),
E("ASSAULT",["CHN"],["PHL"],"2024-10-16",True,"a Chinese coast guard vessel rammed a Philippine fisheries patrol boat",None),
E(["ASSAULT","COERCE"],["CHN"],["PHL"],"2024-10-16",True,"Chinese coast guard ships also fired water cannon at a second Philippine vessel",None),
E("COERCE",["CHN"],["PHL"],["2024-10-16","2024-10-17"],False,"had taken necessary control measures against Philippine vessels",None),
E("ACCUSE",["CHN"],["PHL"],["2024-10-16","2024-10-17"],True,"accused Manila of deliberately provoking the incident",None),
E("ACCUSE",["PHL"],["CHN"],["2024-10-16","2024-10-17"],True,"Marcos Jr. condemned the dangerous and aggressive actions","PHL"),
E("CONSULT",["PHL","CHN"],["PHL","CHN"],"2024-10-16",True,"Manalo raised the incident with his Chinese counterpart Wang Yi in a phone call on Wednesday night",None),
E("SUPPORT",["USA"],["PHL"],["2024-10-16","2024-10-17"],True,"said it stood with the Philippines",None),
E("REQUEST",["USA"],["CHN"],["2024-10-16","2024-10-17"],True,"urged China to stop its provocative and unsafe conduct",None),
E("ACCUSE",["JPN","AUS"],["CHN"],["2024-10-16","2024-10-17"],False,"Japan and Australia also expressed concern over the incident",None),
E("CONSULT",AS,None,"2024-10-17",True,"Foreign ministers of the Association of Southeast Asian Nations, meeting in Vientiane","LAO"),
E("REQUEST",AS,None,"2024-10-17",True,"issued a joint statement on Thursday calling for restraint","LAO"),
E("ACCUSE",["VNM"],["CHN"],"2024-10-16",True,"Vietnam ... on Wednesday accused Chinese forces of beating Vietnamese fishermen",None),
E("ASSAULT",["CHN"],["VNM"],["2024-10-01","2024-10-16"],False,"beating Vietnamese fishermen",None),
E("COERCE",["CHN"],["VNM"],["2024-10-01","2024-10-16"],False,"seizing their catch",None),
E("REJECT",["CHN"],["VNM"],["2024-10-16","2024-10-17"],False,"Beijing denied the charge",None),
E("MOBILIZE",["PHL"],None,"2024-10-17",True,"The Philippine Navy deployed two frigates to the area on Thursday",None),
E("AGREE",["CHN","PHL"],["CHN","PHL"],["2024-07-01","2024-07-31"],True,"China and the Philippines agreed in July on a provisional arrangement",None),
E("CONSULT",["CHN","PHL"],["CHN","PHL"],["2024-09-01","2024-09-30"],True,"Last month, the two countries held talks in Shanghai","CHN"),
]
srb=[
E("COERCE",["SRB"],["SRB"],["2025-02-09","2025-02-10"],True,"Serbian police detained at least 43 people in Novi Sad overnight","SRB"),
E(["COERCE","ASSAULT"],["SRB"],["SRB"],["2025-02-09","2025-02-10"],True,"officers used tear gas and batons to break up tens of thousands of demonstrators","SRB"),
E("PROTEST",["SRB"],None,"2025-02-09",True,"demonstrators who had blocked the city's main bridges on Sunday","SRB"),
E("PROTEST",["SRB"],None,["2025-01-25","2025-02-09"],False,"Students and farmers had marched on Novi Sad","SRB"),
E("ASSAULT",["SRB"],["SRB"],["2025-02-09","2025-02-10"],True,"Protesters threw stones, bottles and flares at police lines","SRB"),
E("ACCUSE",["SRB"],["SRB"],["2025-02-09","2025-02-10"],True,"Opposition parties accused the government of using excessive force","SRB"),
E("REQUEST",["SRB"],["SRB"],["2025-02-09","2025-02-10"],True,"called for the resignation of Prime Minister Milos Vucevic","SRB"),
E(["ACCUSE","REJECT"],["SRB"],["SRB"],["2025-02-09","2025-02-10"],False,"Vucic dismissed the protests as a foreign-backed attempt","SRB"),
E("REQUEST",["EU"],["SRB"],"2025-02-10",True,"The European Union urged the Serbian authorities on Monday","BEL"),
E("CONSULT",["EU","SRB"],["EU","SRB"],["2025-02-09","2025-02-10"],True,"Kallas discussed the situation with Vucic by telephone",None),
E("PROTEST",["HRV"],["SRB"],"2025-02-09",True,"several hundred people gathered outside the Serbian embassy in Zagreb on Sunday evening","HRV"),
E("COERCE",["SRB"],["SRB"],"2025-02-10",True,"a court in Novi Sad ordered 11 of the detained protesters held for 30 days","SRB"),
E("RETREAT",["SRB"],["SRB"],["2025-02-09","2025-02-10"],False,"The remaining detainees were released after questioning","SRB"),
E("SUPPORT",["RUS"],["SRB"],"2025-02-10",True,"Zakharova on Monday praised Belgrade's handling of the unrest",None),
E("ACCUSE",["RUS"],["USA","EU","GBR","FRA","DEU"],"2025-02-10",False,"accused Western governments of fomenting a colour revolution",None),
E("PROTEST",["SRB"],["SRB"],"2025-02-10",True,"Thousands of students also staged a sit-in outside the state broadcaster RTS in Belgrade on Monday","SRB"),
E("PROTEST",["SRB"],None,["2024-11-01","2025-02-10"],False,"The demonstrations ... have spread to more than 200 towns","SRB"),
E(["CONCEDE","AGREE"],["SRB"],["SRB"],["2025-02-03","2025-02-09"],True,"Last week, the government offered to pardon students charged over earlier blockades","SRB"),
E("REJECT",["SRB"],["SRB"],["2025-02-03","2025-02-10"],True,"an offer the student movement rejected","SRB"),
]
with open("gold.jsonl","w") as f:
    for did,pub,ev in [("niger-ecowas-suspension","2024-03-06",niger),("scs-sabina-ramming","2024-10-17",scs),("serbia-novi-sad-crackdown","2025-02-10",srb)]:
        f.write(json.dumps({"doc_id":did,"published":pub,"events":ev})+"\n")
        print(did, len(ev), sum(e["required"] for e in ev))
